#!/usr/bin/env bash
# Packaging check, as a user with nothing but Python and a C++20 compiler would build and use it:
#  1. `pip wheel .` and an sdist in a brand-new venv, with Debian's JSON and pdqsort headers hidden
#     from CMake: the build takes nlohmann-json and boost-headers from PyPI (its build requirements);
#  2. LICENSE is in the sdist and in the wheel;
#  3. `auditwheel repair` gives a manylinux wheel;
#  4. that wheel (with its torch extra) goes into a clean venv with no compiler, CMake or Ninja on
#     PATH: `import miditok_cpp` from outside the tree (no torch or symusic pulled in, stubs
#     present), then the seed workflow (tests/python/test_seed_workflow.py) runs from it.
# Prints the wall time of each stage.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out=$root/build/pkg
rm -rf "$out"
mkdir -p "$out"
t0=$SECONDS
lap() { echo "package: $1 ($((SECONDS - t0)) s)"; t0=$SECONDS; }

# The build venv gets pyproject's [build-system] requirements from PyPI, and the wheel is built in
# it without pip's isolation: the same packages as an isolated build, at a stable path, so ccache
# reuses the objects of earlier runs.
python3 -m venv "$out/build-venv"
mapfile -t build_requires < <(python3 -c '
import tomllib
print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["build-system"]["requires"]))')
"$out/build-venv/bin/python" -m pip install -q build==1.6.1 "${build_requires[@]}" 2>&1 |
  grep -v '^WARNING: Location' || true
lap "fresh build venv (${build_requires[*]})"

# Hidden: Debian's nlohmann_json CMake package and /usr/include (pdqsort.h, nlohmann/); the
# build log must then name the PyPI packages as the sources.
hide=(-C cmake.define.CMAKE_DISABLE_FIND_PACKAGE_nlohmann_json=ON
      -C cmake.define.CMAKE_IGNORE_PATH=/usr/include -C build.verbose=true
      -C build-dir="$out/cmake-build")
if command -v ccache >/dev/null; then
  export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=1
  hide+=(-C cmake.define.CMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
"$out/build-venv/bin/python" -m pip wheel . --no-deps --no-build-isolation -w "$out/dist" -v \
  "${hide[@]}" \
  > "$out/wheel.log" 2>&1 || { tail -n 40 "$out/wheel.log"; exit 1; }
grep -q "miditok: nlohmann_json from the PyPI package" "$out/wheel.log" ||
  { echo "package: the wheel did not take nlohmann-json from PyPI"; exit 1; }
grep -q "miditok: pdqsort from Boost.Sort" "$out/wheel.log" ||
  { echo "package: the wheel did not take pdqsort from PyPI's boost-headers"; exit 1; }
lap "pip wheel (JSON and pdqsort headers from PyPI)"

"$out/build-venv/bin/python" -m build --sdist --outdir "$out/dist" . > "$out/sdist.log" 2>&1 ||
  { tail -n 20 "$out/sdist.log"; exit 1; }
wheel=$(ls "$out"/dist/miditok_cpp-*.whl)
sdist=$(ls "$out"/dist/miditok_cpp-*.tar.gz)
python3 - "$wheel" "$sdist" <<'PY'
import sys, tarfile, zipfile
wheel, sdist = sys.argv[1:]
names = zipfile.ZipFile(wheel).namelist()
assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names), "LICENSE not in the wheel"
members = tarfile.open(sdist).getnames()
assert any(m.count("/") == 1 and m.endswith("/LICENSE") for m in members), "LICENSE not in sdist"
print("package: LICENSE in", wheel.rsplit("/", 1)[1], "and", sdist.rsplit("/", 1)[1])
PY
lap "sdist, LICENSE checks"

PATH="$root/.venv/bin:$PATH" auditwheel repair "$wheel" -w "$out/wheelhouse" \
  > "$out/auditwheel.log" 2>&1 ||
  { cat "$out/auditwheel.log"; exit 1; }
repaired=$(ls "$out"/wheelhouse/miditok_cpp-*manylinux*.whl)
echo "package: repaired to ${repaired##*/}"
lap "auditwheel repair"

# The user's venv: nothing but the venv itself on PATH (no c++, cmake, ninja).
python3 -m venv "$out/user-venv"
user_env=(env PATH="$out/user-venv/bin" HOME="$out" MIDITOK_CORPUS="$root/../shared/corpus")
for tool in c++ g++ cmake ninja; do
  if "${user_env[@]}" "$out/user-venv/bin/python" -c "import shutil,sys; sys.exit(shutil.which('$tool') is None)"; then
    echo "package: $tool is on the user's PATH"; exit 1
  fi
done
"${user_env[@]}" "$out/user-venv/bin/python" -m pip install -q "$repaired" 2>&1 | grep -v '^WARNING: Location' || true
(cd /tmp && "${user_env[@]}" "$out/user-venv/bin/python" -c "
import miditok_cpp, importlib.util, pathlib, sys
assert 'torch' not in sys.modules and 'symusic' not in sys.modules, 'torch or symusic pulled in'
assert importlib.util.find_spec('torch') is None, 'torch was installed without the extra'
stub = pathlib.Path(miditok_cpp.__file__).with_name('_core') / '__init__.pyi'
assert stub.exists(), 'type stubs missing'
print('package: import miditok_cpp', miditok_cpp.__version__, 'OK from', miditok_cpp.__file__)
")
# The command-line tool: the C++ binary in the venv's scripts, and `python -m miditok_cpp`.
(cd /tmp && "${user_env[@]}" "$out/user-venv/bin/miditok-cpp" --version \
  && env -u MIDITOK_CLI PATH="$out/user-venv/bin" HOME="$out" \
  "$out/user-venv/bin/python" -m miditok_cpp --version >/dev/null && echo "package: miditok-cpp binary and python -m miditok_cpp OK")
lap "clean venv: install the repaired wheel, import, CLI"

"${user_env[@]}" "$out/user-venv/bin/python" -m pip install -q "${repaired}[torch]" pytest==9.2.0 \
  2>&1 | grep -v '^WARNING: Location' || true
mkdir -p "$out/seed"
cp tests/python/conftest.py tests/python/test_seed_workflow.py "$out/seed/"
(cd "$out/seed" && "${user_env[@]}" "$out/user-venv/bin/python" -m pytest -q -p no:cacheprovider \
  -rs test_seed_workflow.py 2>&1 | tee "$out/seed.log" | tail -n 3)
grep -q "1 passed" "$out/seed.log" || { echo "package: the seed workflow did not pass"; exit 1; }
lap "clean venv: torch extra, seed workflow"
