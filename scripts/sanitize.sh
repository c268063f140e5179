#!/usr/bin/env bash
# Builds the C++ library and tests with AddressSanitizer + UndefinedBehaviorSanitizer into
# build/asan and runs ctest there.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ccache_launcher.sh
.venv/bin/cmake -S . -B build/asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "${LAUNCHER[@]}" \
  -DMIDITOK_SANITIZE=ON -DMIDITOK_BUILD_TESTS=ON -DMIDITOK_BUILD_APPS=OFF >/dev/null
.venv/bin/cmake --build build/asan -j "$(nproc)"
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  .venv/bin/ctest --test-dir build/asan --output-on-failure -j "$(nproc)"
