#!/usr/bin/env bash
# README command (b): sets up the machine, then runs every test: C++ (ctest), Python (pytest, with
# the conformance tests against miditok/symusic), lint and format, sanitizers, fuzzing and the
# packaging check. Exits non-zero when any of them fails.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$PWD/.venv/bin:$PATH"

start=$SECONDS
step() { echo; echo "=== $* (at $(( SECONDS - start )) s)"; }
step "build (build/dev)"
scripts/build.sh
logs=build/test-logs; mkdir -p "$logs"
step "C++ tests (ctest)"
ctest --test-dir build/dev --output-on-failure -j "$(nproc)" 2>&1 | tee "$logs/ctest.log"
step "Python tests (pytest)"
PYTHONPATH=python python -m pytest -q -n "$(nproc)" --dist loadgroup tests/python 2>&1 | tee "$logs/pytest.log"
step "lint and format"
scripts/lint.sh
step "type checks (mypy, stubtest)"
scripts/typecheck.sh
step "sanitizers (ASan + UBSan)"
scripts/sanitize.sh
step "libtorch adapters (torch/)"
scripts/torch_check.sh
step "find_package(miditok [COMPONENTS torch]) from a temporary prefix (tests/consumer)"
scripts/check_consumer.sh build/torch
step "fuzzing"
scripts/fuzz.sh
step "packaging (pip wheel without Debian headers, auditwheel, clean venv, seed workflow)"
scripts/check_package.sh
step "MidiTok 3.1.0's own test suite against miditok_cpp (scripts/peer_suite.sh)"
scripts/peer_suite.sh | tee "$logs/peer.log"
# One closing line over the three runs (each step above already stopped the script on a failure).
cpp=$(sed -n 's/.*tests passed out of \([0-9]*\).*/\1/p' "$logs/ctest.log" | tail -n 1)
py=$(grep -Eo '[0-9]+ passed' "$logs/pytest.log" | tail -n 1 | cut -d' ' -f1)
peer=$(grep -Eo '[0-9]+ passed' "$logs/peer.log" | tail -n 1 | cut -d' ' -f1)
echo; echo "all steps took $(( SECONDS - start )) s"
echo "tests: $(( ${cpp:-0} + ${py:-0} + ${peer:-0} )) passed, 0 failed"
