#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz in the sanitizer tree (scripts/asan_tree.sh: clang,
# ASan + UBSan; already built when scripts/sanitize.sh ran first) and runs
# each for FUZZ_SECONDS (default 40: six targets in the time four took at 60) from its seed
# corpus, under a 2 GB RSS bound (-rss_limit_mb: an input that makes a target allocate past it is
# a failure, kept as a regression). A crashing input is kept under
# tests/fuzz/regressions/<target>/ so that it is replayed on every later run.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET=${FUZZ_SECONDS:-40}
mapfile -t targets < <(sed -n 's/^miditok_add_fuzzer(\([a-z_]*\).*/\1/p' tests/fuzz/CMakeLists.txt)
if ((${#targets[@]} == 0)); then echo "fuzz: no targets yet"; exit 0; fi
source scripts/asan_tree.sh
for t in "${targets[@]}"; do
  work=build/asan/fuzz-corpus/$t; mkdir -p "$work" "tests/fuzz/regressions/$t"
  seeds=(); [ -d "tests/fuzz/seeds/$t" ] && seeds+=("tests/fuzz/seeds/$t")
  echo "fuzz: $t, replaying regressions"
  if compgen -G "tests/fuzz/regressions/$t/*" >/dev/null; then
    "build/asan/tests/fuzz/fuzz_$t" -rss_limit_mb=2048 tests/fuzz/regressions/"$t"/*
  fi
  echo "fuzz: $t for ${SECONDS_PER_TARGET}s"
  "build/asan/tests/fuzz/fuzz_$t" -max_total_time="$SECONDS_PER_TARGET" -rss_limit_mb=2048 \
    -artifact_prefix="tests/fuzz/regressions/$t/" "$work" "${seeds[@]}" 2>&1 | tail -n 3
done
