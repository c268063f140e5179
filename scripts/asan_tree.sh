# Sourced by scripts/sanitize.sh and scripts/fuzz.sh from the repository root: configures and
# builds build/asan, the one sanitizer tree: clang with AddressSanitizer and
# UndefinedBehaviorSanitizer (MIDITOK_SANITIZE) on every object, the library instrumented for
# libFuzzer's coverage (fuzzer-no-link), the C++ tests and the fuzz targets. Built once per run:
# the second script finds it up to date.
source scripts/ccache_launcher.sh
.venv/bin/cmake -S . -B build/asan -G Ninja -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo "${LAUNCHER[@]}" -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link" \
  -DMIDITOK_SANITIZE=ON \
  -DMIDITOK_BUILD_TESTS=ON -DMIDITOK_BUILD_FUZZ=ON -DMIDITOK_BUILD_APPS=OFF >/dev/null
.venv/bin/cmake --build build/asan -j "$(nproc)"
