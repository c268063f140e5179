#!/usr/bin/env bash
# Builds the optional libtorch adapters (torch/) against the libtorch inside the pinned torch
# wheel, into build/torch, and runs their tests.
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=$(.venv/bin/python -c "import torch.utils; print(torch.utils.cmake_prefix_path)")
source scripts/ccache_launcher.sh
.venv/bin/cmake -S . -B build/torch -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$prefix" \
  -DPython_EXECUTABLE="$PWD/.venv/bin/python" "${LAUNCHER[@]}" \
  -DMIDITOK_BUILD_TORCH=ON -DMIDITOK_BUILD_TESTS=ON -DMIDITOK_BUILD_APPS=OFF \
  -DMIDITOK_WERROR="${MIDITOK_WERROR:-OFF}" >/dev/null
.venv/bin/cmake --build build/torch --target test_torch_dataset -j "$(nproc)"
build/torch/torch/test_torch_dataset
