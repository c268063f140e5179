#!/usr/bin/env bash
# find_package(miditok) and find_package(miditok COMPONENTS torch) from any install prefix:
# installs a build tree (default build/torch, made by scripts/torch_check.sh, which has the
# libtorch adapters) into a temporary prefix, copies the consumer project tests/consumer out of
# the source tree, configures it against that prefix (and the torch wheel's libtorch), builds it,
# and runs it on a corpus file, untrained and with a trained params file.
# Usage: scripts/check_consumer.sh [BUILD_DIR]   (a build without torch checks miditok alone)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build=${1:-build/torch}
tmp=$(mktemp -d /tmp/miditok-consumer.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
start=$SECONDS

.venv/bin/cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
cp -r tests/consumer "$tmp/src"
prefix_path="$tmp/prefix"
with_torch=OFF
if [ -n "$(find "$tmp/prefix" -name miditokTorchTargets.cmake)" ]; then
  with_torch=ON
  prefix_path="$prefix_path;$(.venv/bin/python -c 'import torch.utils; print(torch.utils.cmake_prefix_path)')"
elif [ "$build" = build/torch ]; then
  echo "consumer: $build installed no torch component (miditokTorchTargets.cmake)"; exit 1
fi
.venv/bin/cmake -S "$tmp/src" -B "$tmp/build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_PREFIX_PATH="$prefix_path" -DWITH_TORCH=$with_torch >/dev/null
.venv/bin/cmake --build "$tmp/build" -j "$(nproc)" >/dev/null

file=$(find "$root/../shared/corpus/one_track" -name '*.mid' | sort | head -n 1)
"$tmp/build/tokenize_one" "$file"
PYTHONPATH=python .venv/bin/python - "$tmp/trained.json" <<'PY'
import sys
from pathlib import Path
from miditok_cpp import REMI
files = sorted(Path("../shared/corpus/one_track").glob("*.mid"))[:8]
tokenizer = REMI()
tokenizer.train(vocab_size=len(tokenizer) + 200, files_paths=files)
tokenizer.save(sys.argv[1])
PY
"$tmp/build/tokenize_one" "$file" "$tmp/trained.json"
if [ $with_torch = ON ]; then "$tmp/build/collate_one"; fi
echo "consumer: find_package(miditok$([ $with_torch = ON ] && echo ' COMPONENTS torch')) from $tmp/prefix OK ($((SECONDS - start)) s)"
