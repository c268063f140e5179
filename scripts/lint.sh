#!/usr/bin/env bash
# Checks formatting and lint: clang-format (Google base, 100 columns) on C++, ruff on Python.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t cxx < <(git ls-files --cached --others --exclude-standard \
  '*.cpp' '*.h' | grep -v '^tests/data/' || true)
if ((${#cxx[@]})); then
  clang-format --dry-run -Werror "${cxx[@]}"
fi
.venv/bin/ruff check python tests bench scripts
.venv/bin/ruff format --check python tests bench scripts
echo "lint: clean (${#cxx[@]} C++ files, ruff)"
