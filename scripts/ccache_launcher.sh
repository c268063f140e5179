# Sourced by the build scripts from the repository root: LAUNCHER holds the CMake option that puts
# ccache in front of the compiler when it is installed (objects shared between clones, worktrees
# and runs: paths are taken relative to the root), and nothing otherwise.
LAUNCHER=()
if command -v ccache >/dev/null; then
  export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
  LAUNCHER=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
fi
