#!/usr/bin/env bash
# README command (b): sets up the machine, then runs every test: C++ (ctest), Python (pytest, with
# the conformance tests against miditok/symusic), lint and format, sanitizers, fuzzing and the
# packaging check. Exits non-zero when any of them fails.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$PWD/.venv/bin:$PATH"

step() { echo; echo "=== $*"; }
step "build (build/dev)"
scripts/build.sh
step "C++ tests (ctest)"
ctest --test-dir build/dev --output-on-failure -j "$(nproc)"
step "Python tests (pytest)"
PYTHONPATH=python python -m pytest -q tests/python
step "lint and format"
scripts/lint.sh
step "sanitizers (ASan + UBSan)"
scripts/sanitize.sh
step "fuzzing"
scripts/fuzz.sh
step "packaging (pip install . in a new venv)"
scripts/check_package.sh
echo; echo "all tests passed"
