#!/usr/bin/env bash
# MidiTok 3.1.0's own test suite, unmodified, run against miditok_cpp: `miditok` and every
# `miditok.<sub>` resolve to miditok_cpp's modules through the alias package tests/peer/alias
# (the real MidiTok is never imported; tests/peer/peer_plugin.py checks it in every worker).
# The suite comes from MidiTok's source distribution on PyPI, pinned by version and sha256, cached
# in build/peer/. Prints `N passed, N failed` last; exits non-zero when a test fails.
#
#   scripts/peer_suite.sh              the suite against miditok_cpp (needs python/miditok_cpp built)
#   scripts/peer_suite.sh --miditok    the same suite against the real miditok 3.1.0 (baseline)
#   PEER_WORKERS=N                     xdist workers (default 2)
#   PEER_SAMPLE=N                      one test in N (a fixed hash of the test id; default 1: all)
#   extra arguments are passed to pytest (e.g. -k, a test file under build/peer/suite/tests)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
python=${PYTHON:-$root/.venv/bin/python}
version=3.1.0
sha256=1f905b9be87a57dac28a86c1c7a7565674a5d2e57b2f650bc2fea97792f6bdef
peer=build/peer
sdist=$peer/miditok-$version.tar.gz
suite=$peer/suite

mode=ours
if [[ ${1:-} == --miditok ]]; then mode=miditok; shift; fi

mkdir -p "$peer"
if ! echo "$sha256  $sdist" | sha256sum -c --status 2>/dev/null; then
  rm -f "$sdist"
  "$python" -m pip download --quiet --no-deps --no-binary :all: "miditok==$version" -d "$peer"
  echo "$sha256  $sdist" | sha256sum -c --quiet || { echo "peer suite: $sdist: sha256 mismatch" >&2; exit 1; }
fi
if [[ ! -f $suite/.unpacked-$sha256 ]]; then
  rm -rf "$suite"; mkdir -p "$suite"
  # Only tests/: the sdist's src/ (the real MidiTok) and pyproject (pythonpath = "src") stay out.
  tar -xzf "$sdist" -C "$suite" --strip-components=1 "miditok-$version/tests"
  touch "$suite/.unpacked-$sha256"
fi
# The suite's own pytest settings (--import-mode=importlib), without its pythonpath = "src".
printf '[pytest]\naddopts = --import-mode=importlib\n' >"$suite/pytest.ini"

if [[ $mode == ours ]]; then
  export PYTHONPATH="$root/tests/peer/alias:$root/tests/peer:$root/python" PEER_EXPECT=miditok_cpp
else
  export PYTHONPATH="$root/tests/peer" PEER_EXPECT=miditok
fi
log=$peer/pytest-$mode.log
start=$(date +%s)
set +e
(cd "$suite" && "$python" -m pytest -c pytest.ini --rootdir . -q -p no:cacheprovider \
  -p peer_plugin -n "${PEER_WORKERS:-2}" "${@:-tests}") >"$log" 2>&1
status=$?
set -e
elapsed=$(( $(date +%s) - start ))
tail -n 40 "$log"
summary=$(tail -n 1 "$log")
passed=$(grep -Eo '[0-9]+ passed' <<<"$summary" | cut -d' ' -f1 || true)
failed=0
for n in $(grep -Eo '[0-9]+ (failed|errors?)' <<<"$summary" | cut -d' ' -f1); do failed=$((failed + n)); done
skipped=$(grep -Eo '[0-9]+ skipped' <<<"$summary" | cut -d' ' -f1 || true)
echo "peer suite ($mode, miditok $version tests, sample 1/${PEER_SAMPLE:-1}, ${elapsed}s, log $log)"
echo "${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
if [[ $status -ne 0 && ${failed:-0} -eq 0 ]]; then echo "peer suite: pytest exited $status" >&2; fi
exit "$status"
