#!/usr/bin/env bash
# Builds the sanitizer tree (scripts/asan_tree.sh: clang, ASan + UBSan, also the fuzz targets
# scripts/fuzz.sh runs) and runs the C++ tests there.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/asan_tree.sh
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  .venv/bin/ctest --test-dir build/asan --output-on-failure -j "$(nproc)"
