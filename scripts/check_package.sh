#!/usr/bin/env bash
# Packaging check: `pip install .` in a brand-new venv, then `import miditok_cpp` from outside
# the source tree, with no torch and no symusic installed.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=build/pkg-venv
rm -rf "$venv"
python3 -m venv "$venv"
"$venv/bin/python" -m pip install -q . 2>&1 | grep -v '^WARNING: Location' || true
(cd /tmp && "$OLDPWD/$venv/bin/python" -c "
import miditok_cpp, importlib.util, pathlib
assert importlib.util.find_spec('torch') is None, 'torch was pulled in'
stub = pathlib.Path(miditok_cpp.__file__).with_name('_core.pyi')
assert stub.exists(), 'type stubs missing'
print('package: import miditok_cpp', miditok_cpp.__version__, 'OK; stubs at', stub)
")
# The command-line tool: the C++ binary in the venv's scripts, and `python -m miditok_cpp`.
(cd /tmp && "$OLDPWD/$venv/bin/miditok-cpp" --version \
  && env -u MIDITOK_CLI "$OLDPWD/$venv/bin/python" -m miditok_cpp --version >/dev/null \
  && echo "package: miditok-cpp binary and python -m miditok_cpp OK")
