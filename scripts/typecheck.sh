#!/usr/bin/env bash
# Type checks the Python package: mypy over miditok_cpp (its code and every call into the
# extension, through the stubs nanobind generates at build time, python/miditok_cpp/_core/*.pyi),
# then mypy's stubtest (the stubs match what the built extension and modules really define).
# Needs the extension built in place (scripts/build.sh). Settings: pyproject.toml [tool.mypy].
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
export PYTHONPATH=python
.venv/bin/python -m mypy -p miditok_cpp
.venv/bin/python -m mypy.stubtest miditok_cpp --mypy-config-file pyproject.toml \
  --ignore-disjoint-bases --allowlist scripts/stubtest_allowlist.txt
echo "typecheck: clean (mypy + stubtest, $(( SECONDS - start )) s)"
