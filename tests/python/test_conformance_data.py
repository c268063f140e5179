"""Conformance of the token-file side of pytorch_data with MidiTok 3.1.0 on the corpus.

Token files are written with MidiTok's own ``save_tokens`` (REMI, and a multi-stream TSD), then read
and split by both libraries. Where MidiTok is wrong (inventory #5, #24) ours is right and the tests
show the difference.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import corpus_files

import torch
from miditok_cpp.pytorch_data import (
    DatasetJSON,
    split_seq_in_subsequences,
    split_tokens_files_to_subsequences,
)


@pytest.fixture(scope="module")
def token_files(tmp_path_factory, corpus, miditok_ref) -> dict[str, list[Path]]:
    """MidiTok token JSON files of the corpus: one-stream (REMI) and multi-stream (TSD)."""
    out = {}
    files = corpus_files("one_track") + corpus_files("multitrack")
    for name, tokenizer in (
        ("remi", miditok_ref.REMI(miditok_ref.TokenizerConfig(use_programs=True))),
        ("tsd_multi", miditok_ref.TSD(miditok_ref.TokenizerConfig(use_programs=False))),
    ):
        directory = tmp_path_factory.mktemp(name)
        paths = []
        for path in files:
            tokseq = tokenizer.encode(path)
            tokenizer.save_tokens(tokseq, directory / f"{path.stem}.json")
            paths.append(directory / f"{path.stem}.json")
        out[name] = paths
    return out


def _first_diff(a: list, b: list) -> str:
    for i, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return f"first difference at {i}: ours {x} vs ref {y}"
    return f"lengths ours {len(a)} vs ref {len(b)}"


def test_dataset_json_same_items_without_specials(token_files, miditok_ref):
    from miditok.pytorch_data import DatasetJSON as RefDatasetJSON

    paths = token_files["remi"]
    for max_seq_len in (16, 1000, 100000):
        ours = DatasetJSON(paths, max_seq_len)
        ref = RefDatasetJSON(paths, max_seq_len)
        assert len(ours) == len(ref)
        for i in range(len(ref)):
            a, b = ours[i]["input_ids"], ref[i]["input_ids"]
            assert a.dtype == b.dtype == torch.long
            assert torch.equal(a, b), (
                f"{paths[i]} max_seq_len={max_seq_len}: {_first_diff(a.tolist(), b.tolist())}"
            )


def test_dataset_json_same_items_when_short_enough(token_files, miditok_ref):
    """Sequences short enough for MidiTok's double subtraction: identical with BOS/EOS."""
    from miditok.pytorch_data import DatasetJSON as RefDatasetJSON

    paths = token_files["remi"]
    ours = DatasetJSON(paths, 10**6, bos_token_id=1, eos_token_id=2)
    ref = RefDatasetJSON(paths, 10**6, bos_token_id=1, eos_token_id=2)
    for i in range(len(ref)):
        a, b = ours[i]["input_ids"].tolist(), ref[i]["input_ids"].tolist()
        assert a == b, f"{paths[i]}: {_first_diff(a, b)}"
        assert a[0] == 1 and a[-1] == 2


def test_dataset_json_max_seq_len_and_specials(token_files, miditok_ref):
    """Ours fills max_seq_len exactly (MidiTok: 2 tokens short) and adds id 0 (MidiTok: never)."""
    from miditok.pytorch_data import DatasetJSON as RefDatasetJSON

    path = token_files["remi"][0]
    raw = json.loads(path.read_text())["ids"]
    assert len(raw) > 40
    item = DatasetJSON([path], 32, bos_token_id=1, eos_token_id=2)[0]["input_ids"].tolist()
    # Room is kept for BOS and EOS, then EOS is left out as the ids were truncated (MidiTok's
    # DatasetMIDI rule): BOS + 30 ids
    assert item == [1, *raw[:30]]
    ref = RefDatasetJSON([path], 32, bos_token_id=1, eos_token_id=2)[0]["input_ids"].tolist()
    assert ref == [1, *raw[:28]]  # MidiTok's bug #5: room for the specials made twice
    zero = DatasetJSON([path], 10**6, bos_token_id=0, eos_token_id=0)[0]["input_ids"].tolist()
    assert zero == [0, *raw, 0]
    ref_zero = RefDatasetJSON([path], 10**6, bos_token_id=0, eos_token_id=0)[0]
    assert ref_zero["input_ids"].tolist() == raw  # MidiTok drops id 0


def test_dataset_json_str_paths_and_iteration(token_files):
    paths = [str(p) for p in token_files["remi"][:3]]
    dataset = DatasetJSON(paths, 64, eos_token_id=0)
    items = list(dataset)
    assert len(items) == 3
    again = list(dataset)  # the iteration counter was reset
    assert all(
        torch.equal(a["input_ids"], b["input_ids"]) for a, b in zip(items, again, strict=True)
    )
    short = DatasetJSON(paths, 10**6, eos_token_id=0)[0]["input_ids"]
    assert short[-1] == 0


@pytest.mark.parametrize(("min_len", "max_len"), [(0, 1), (3, 8), (8, 8), (50, 100), (5, 1000)])
def test_split_seq_same_as_miditok_except_exact_min_tail(miditok_ref, min_len, max_len):
    from miditok.utils import split_seq_in_subsequences as ref_split

    for n in range(0, 60):
        seq = list(range(n))
        ours = split_seq_in_subsequences(seq, min_len, max_len)
        ref = ref_split(seq, min_len, max_len)
        last_start = sum(len(s) for s in ours[:-1])
        if min_len > 0 and ours and n - last_start == min_len:
            # MidiTok drops a last subsequence of exactly min_seq_len (inventory #24); ours keeps it
            assert ours == [*ref, ours[-1]], f"n={n} min={min_len} max={max_len}"
        else:
            assert ours == ref, f"n={n} min={min_len} max={max_len}"
        assert [x for s in ours for x in s] == seq[: sum(len(s) for s in ours)]
        assert all(min_len <= len(s) <= max_len for s in ours)


@pytest.mark.parametrize(("name", "one_stream"), [("remi", True), ("tsd_multi", False)])
def test_split_tokens_files_same_files_as_miditok(
    tmp_path, token_files, miditok_ref, name, one_stream
):
    from miditok.utils import split_tokens_files_to_subsequences as ref_split

    paths = token_files[name]
    # min 7 and max 1024 (MidiTok deep-copies the whole file per subsequence: slow with small max)
    ours_dir, ref_dir = tmp_path / "ours", tmp_path / "ref"
    split_tokens_files_to_subsequences(paths, ours_dir, 7, 1024, one_token_stream=one_stream)
    ref_split(paths, ref_dir, 7, 1024, one_token_stream=one_stream)
    ours_files = sorted(p.name for p in ours_dir.iterdir())
    ref_files = sorted(p.name for p in ref_dir.iterdir())
    seqs = [json.loads(p.read_text())["ids"] for p in paths]
    seqs = seqs if one_stream else [t for s in seqs for t in s]
    exact_tails = sum(1 for s in seqs if len(s) % 1024 == 7 or len(s) == 7)
    if exact_tails == 0:
        assert ours_files == ref_files
        for fname in ref_files:
            assert (ours_dir / fname).read_bytes() == (ref_dir / fname).read_bytes(), fname
    else:
        assert set(ref_files) <= set(ours_files)
    assert all(f.endswith(".json") and ".json_" in f for f in ours_files)
