"""The C++ command-line tool: tokenize to a token shard and JSON files, decode, bad files."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import numpy as np
import pytest
from conftest import ROOT, corpus_files

import miditok_cpp

CLI = Path(os.environ.get("MIDITOK_CLI", ROOT / "build" / "dev" / "apps" / "miditok-cpp"))
SEED_CONFIG = {"num_velocities": 16, "use_chords": True, "use_programs": True}


@pytest.fixture(scope="module")
def cli() -> Path:
    if not CLI.exists():
        pytest.fail(f"the CLI is not built at {CLI} (scripts/build.sh builds it)")
    return CLI


def read_shard(path: Path) -> list[list[int]]:
    """Reads a token shard with numpy, following the documented layout."""
    data = path.read_bytes()
    assert data[:8] == b"MTKSHRD1"
    num_sequences, num_tokens = np.frombuffer(data, dtype="<u8", count=2, offset=16)
    offsets = np.frombuffer(data, dtype="<u8", count=int(num_sequences) + 1, offset=32)
    ids = np.frombuffer(data, dtype="<i4", count=int(num_tokens), offset=32 + offsets.nbytes)
    return [ids[offsets[i] : offsets[i + 1]].tolist() for i in range(int(num_sequences))]


def test_tokenize_matches_python_and_skips_bad_files(cli, corpus, tmp_path):
    tokenizer = miditok_cpp.REMI(miditok_cpp.TokenizerConfig(**SEED_CONFIG))
    params = tmp_path / "tokenizer.json"
    tokenizer.save(params)
    good = corpus_files("multitrack")[:3]
    bad = corpus_files("corrupted")
    shard = tmp_path / "tokens.bin"
    out = subprocess.run(
        [cli, "tokenize", "--params", params, "--shard", shard, *good, *bad],
        capture_output=True,
        text=True,
        check=True,
    )
    assert f"tokenized {len(good)} files ({len(bad)} skipped)" in out.stdout
    assert all(str(b) in out.stderr for b in bad)
    assert read_shard(shard) == [tokenizer(path).ids for path in good]


def test_tokenize_writes_miditok_json_and_decodes(cli, corpus, tmp_path):
    tokenizer = miditok_cpp.REMI(miditok_cpp.TokenizerConfig(**SEED_CONFIG))
    params = tmp_path / "tokenizer.json"
    tokenizer.save(params)
    path = corpus_files("one_track")[0]
    subprocess.run(
        [cli, "tokenize", "--params", params, "--out-dir", tmp_path / "json", path], check=True
    )
    saved = json.loads((tmp_path / "json" / f"{path.stem}.json").read_text())
    assert saved["ids"] == tokenizer(path).ids
    shard = tmp_path / "one.bin"
    subprocess.run([cli, "tokenize", "--params", params, "--shard", shard, path], check=True)
    midi = tmp_path / "decoded.mid"
    subprocess.run([cli, "decode", "--params", params, "--shard", shard, "--out", midi], check=True)
    assert miditok_cpp.Score(midi) == tokenizer.decode(tokenizer(path).ids)


def test_bad_usage_and_damaged_shard_fail_cleanly(cli, tmp_path):
    assert subprocess.run([cli], capture_output=True).returncode == 2
    damaged = tmp_path / "damaged.bin"
    damaged.write_bytes(b"MTKSHRD1" + b"\0" * 10)
    params = tmp_path / "tokenizer.json"
    miditok_cpp.REMI().save(params)
    out = subprocess.run(
        [cli, "decode", "--params", params, "--shard", damaged, "--out", tmp_path / "x.mid"],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 1 and "damaged token shard" in out.stderr
