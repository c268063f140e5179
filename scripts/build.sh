#!/usr/bin/env bash
# Builds the library, the C++ tests, the CLI and the extension in place (python/miditok_cpp/_core*.so)
# into build/dev. Usage: scripts/build.sh [extra cmake -D options]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build/dev}
WERROR=OFF; [ "${CI:-}" = "true" ] && WERROR=ON
source scripts/ccache_launcher.sh
.venv/bin/cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DPython_EXECUTABLE="$PWD/.venv/bin/python" -DMIDITOK_BUILD_PYTHON=ON -DMIDITOK_PYTHON_INPLACE=ON \
  -DMIDITOK_BUILD_TESTS=ON -DMIDITOK_WERROR="${MIDITOK_WERROR:-$WERROR}" "${LAUNCHER[@]}" "$@" >/dev/null
.venv/bin/cmake --build "$BUILD_DIR" -j "$(nproc)"
