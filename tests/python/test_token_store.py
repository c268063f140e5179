"""The token store: numpy reads it alone, DatasetTokens gives DatasetJSON's items over the same
ids, appends add shards, bad files are recorded, and damaged or foreign stores raise IoError."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from conftest import corpus_files
from torch.utils.data import DataLoader

import miditok_cpp
from miditok_cpp.data import read_manifest, tokenize_to_store
from miditok_cpp.pytorch_data import DataCollator, DatasetJSON, DatasetTokens

ROOT = Path(__file__).resolve().parents[2]


def _files() -> list[Path]:
    return corpus_files("one_track") + corpus_files("multitrack")


def _tokenizer() -> miditok_cpp.REMI:
    return miditok_cpp.REMI(miditok_cpp.TokenizerConfig(use_programs=True))


def _numpy_documents(store: Path) -> list[list[int]]:
    """Every document of a store read with numpy alone, through the manifest."""
    manifest = json.loads((store / "manifest.json").read_text())
    docs = []
    for shard in manifest["shards"]:
        ids = np.load(store / shard["ids"], mmap_mode="r")
        offsets = np.load(store / shard["offsets"], mmap_mode="r")
        assert ids.dtype == np.dtype(manifest["dtype"]) and offsets.dtype == np.int64
        docs += [ids[offsets[d] : offsets[d + 1]].tolist() for d in range(len(offsets) - 1)]
    return docs


def test_numpy_reads_the_ids_of_encode(tmp_path, corpus):
    tok = _tokenizer()
    files = _files()
    report = tokenize_to_store(files, tok, tmp_path / "s", shard_tokens=30_000)
    assert report["failed"] == 0 and report["shards"] > 1
    expected = [list(tok.encode(f).ids) for f in files]
    assert _numpy_documents(tmp_path / "s") == expected
    manifest = read_manifest(tmp_path / "s")
    assert manifest["format"] == "miditok-token-store" and manifest["version"] == 1
    assert manifest["dtype"] == "<u2" and manifest["num_documents"] == len(files)
    assert manifest["tokenizer_hash"] == miditok_cpp.data.tokenizer_hash(tok)
    assert [f["path"] for f in manifest["files"]] == [str(f) for f in files]


def test_dataset_tokens_matches_dataset_json(tmp_path, corpus):
    tok = _tokenizer()
    files = _files()
    json_paths = []
    for i, f in enumerate(files):
        json_paths.append(tmp_path / f"{i}.json")
        json_paths[-1].write_text(json.dumps({"ids": list(tok.encode(f).ids)}))
    tokenize_to_store(files, tok, tmp_path / "s")
    for max_seq_len, bos, eos in ((64, 1, 2), (100_000, 1, 2), (32, None, None), (2, 1, 2)):
        ref = DatasetJSON(json_paths, max_seq_len, bos, eos)
        ds = DatasetTokens(tmp_path / "s", max_seq_len, bos, eos)
        assert len(ds) == len(ref)
        for i in range(len(ds)):
            a, b = ds[i]["input_ids"], ref[i]["input_ids"]
            assert a.dtype == b.dtype and a.tolist() == b.tolist(), (files[i], max_seq_len)
    ds = DatasetTokens(tmp_path / "s", 64, 1, 2)
    assert ds[-1]["input_ids"].tolist() == ds[len(ds) - 1]["input_ids"].tolist()
    with pytest.raises(IndexError):
        ds[len(ds)]
    view = ds.store.ids(0)  # zero copy: a read-only view of the map
    assert not view.flags.writeable and view.dtype == np.uint16


@pytest.mark.parametrize("num_workers", [0, 2])
def test_dataloader_over_dataset_tokens(tmp_path, corpus, num_workers):
    tokenize_to_store(_files(), _tokenizer(), tmp_path / "s")
    ds = DatasetTokens(tmp_path / "s", 64, 1, 2)
    loader = DataLoader(
        ds, batch_size=4, collate_fn=DataCollator(0), num_workers=num_workers,
        multiprocessing_context="spawn" if num_workers else None,
    )  # fmt: skip
    batches = list(loader)
    assert sum(len(b["input_ids"]) for b in batches) == len(ds)
    first = DataCollator(0)([ds[i] for i in range(4)])["input_ids"]
    assert batches[0]["input_ids"].tolist() == first.tolist()


def test_append_and_failed_files(tmp_path, corpus):
    tok = _tokenizer()
    files = _files()
    bad = corpus_files("corrupted")
    tokenize_to_store(files[:5], tok, tmp_path / "s")
    shards_before = sorted(p.name for p in (tmp_path / "s").glob("*.npy"))
    mtimes = {p: p.stat().st_mtime_ns for p in (tmp_path / "s").glob("*.npy")}
    report = tokenize_to_store(files[5:] + bad, tok, tmp_path / "s")
    assert report["failed"] == len(bad) and {p for p, _ in report["errors"]} == set(map(str, bad))
    assert all(p.stat().st_mtime_ns == t for p, t in mtimes.items())  # never rewritten
    assert set(shards_before) < {p.name for p in (tmp_path / "s").glob("*.npy")}
    assert _numpy_documents(tmp_path / "s") == [list(tok.encode(f).ids) for f in files]
    manifest = read_manifest(tmp_path / "s")
    assert manifest["num_files"] == len(files) + len(bad)
    assert manifest["num_failed"] == len(bad)
    assert all(f["error"] for f in manifest["files"][len(files) :])
    other = miditok_cpp.TSD(miditok_cpp.TokenizerConfig())
    with pytest.raises(miditok_cpp.ConfigError, match="another tokenizer"):
        tokenize_to_store(files[:1], other, tmp_path / "s")


def test_paths_of_any_sequence_or_iterable(tmp_path, corpus):
    """The paths are read a round at a time from the caller's sequence (str, bytes, PathLike,
    or an iterable); the manifest's file list is spooled to an unlinked file: none is left."""
    tok = _tokenizer()
    files = _files()[:6]
    mixed = (str(files[0]), os.fsencode(files[1]), *files[2:4])
    tokenize_to_store(mixed, tok, tmp_path / "s")
    tokenize_to_store((f for f in files[4:]), tok, tmp_path / "s")  # appended
    assert _numpy_documents(tmp_path / "s") == [list(tok.encode(f).ids) for f in files]
    assert [f["path"] for f in read_manifest(tmp_path / "s")["files"]] == list(map(str, files))
    names = {p.name for p in (tmp_path / "s").iterdir()}
    assert names == {"manifest.json"} | {p.name for p in (tmp_path / "s").glob("shard-*.npy")}
    with pytest.raises(TypeError, match="path 1 is not"):
        tokenize_to_store([files[0], 3], tok, tmp_path / "t")
    # the entries are checked one by one as an append streams them (readers skip them)
    manifest = json.loads((tmp_path / "s" / "manifest.json").read_text())
    for bad_entry, message in (("oops", "not an object"), ({"path": 3}, '"path" missing')):
        manifest["files"][2] = bad_entry
        (tmp_path / "s" / "manifest.json").write_text(json.dumps(manifest))
        assert len(DatasetTokens(tmp_path / "s", 64)) == len(files)
        with pytest.raises(miditok_cpp.IoError, match=message):
            tokenize_to_store(files[:1], tok, tmp_path / "s")


def test_trained_tokenizer_ids(tmp_path, corpus):
    tok = _tokenizer()
    files = _files()
    tok.train(vocab_size=tok.vocab_size + 300, files_paths=files[:8])
    tokenize_to_store(files, tok, tmp_path / "s")
    assert _numpy_documents(tmp_path / "s") == [list(tok.encode(f).ids) for f in files]
    assert read_manifest(tmp_path / "s")["vocab_size"] == tok.vocab_size


def test_damaged_and_foreign_stores_raise(tmp_path, corpus):
    tokenize_to_store(_files()[:3], _tokenizer(), tmp_path / "s")
    store = tmp_path / "s"
    shard = store / "shard-000000.ids.npy"
    data = shard.read_bytes()
    for damaged in (data[:-1], data + b"\0\0", b"garbage" + data[7:]):
        shard.write_bytes(damaged)
        with pytest.raises(miditok_cpp.IoError, match=r"shard-000000\.ids\.npy"):
            DatasetTokens(store, 64)
    shard.write_bytes(data)
    offsets = store / "shard-000000.offsets.npy"
    o = np.load(offsets)
    o[1], o[2] = o[2], o[1]  # out of order: would give wrong samples
    np.save(offsets, o)
    with pytest.raises(miditok_cpp.IoError, match="out of order"):
        DatasetTokens(store, 64)
    manifest = json.loads((store / "manifest.json").read_text())
    manifest["version"] = 99
    (store / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(miditok_cpp.IoError, match="version"):
        DatasetTokens(store, 64)
    (store / "manifest.json").write_text('{"format": "webdataset"}')
    with pytest.raises(miditok_cpp.IoError, match="format"):
        DatasetTokens(store, 64)
    shutil.rmtree(store)
    with pytest.raises(OSError, match="not a token store"):
        DatasetTokens(store, 64)


def test_split_by_explicit_rank(tmp_path, corpus):
    tokenize_to_store(_files(), _tokenizer(), tmp_path / "s")
    whole = DatasetTokens(tmp_path / "s", 64)
    parts = [DatasetTokens(tmp_path / "s", 64, rank=r, world_size=3) for r in range(3)]
    got = [p[i]["input_ids"].tolist() for p in parts for i in range(len(p))]
    assert got == [whole[i]["input_ids"].tolist() for i in range(len(whole))]
    assert max(map(len, parts)) - min(map(len, parts)) <= 1


def test_rss_does_not_grow_with_the_store(tmp_path, corpus):
    """Opening a store 8x larger and reading every item costs no more resident memory."""
    files = _files()
    tok = _tokenizer()
    tokenize_to_store(files, tok, tmp_path / "small", shard_tokens=100_000)
    for _ in range(8):
        tokenize_to_store(files, tok, tmp_path / "large", shard_tokens=100_000)
    code = (
        "import sys; sys.path.insert(0, sys.argv[2]);"
        "from miditok_cpp.pytorch_data import DatasetTokens;"
        # VmHWM, the child's own peak (ru_maxrss keeps the forking pytest worker's across exec)
        "peak = lambda: int(next(l for l in open('/proc/self/status') if l[:5] == 'VmHWM')[6:-3]);"
        "ds = DatasetTokens(sys.argv[1], 64, 1, 2);"
        "before = peak();"
        "exec('for i in range(len(ds)): ds[i]');"  # each item dropped, as a DataLoader does
        "print(peak() - before)"
    )
    python = str(ROOT / "python")
    grown = [
        int(subprocess.check_output([sys.executable, "-c", code, str(tmp_path / s), python]))
        for s in ("small", "large")
    ]
    # the large store has 8x the ids (~6 MB more); reading it all keeps the peak within 2 MB
    assert grown[1] - grown[0] < 2048, grown


def test_to_hf_dataset(tmp_path, corpus):
    pytest.importorskip("datasets")
    tokenize_to_store(_files(), _tokenizer(), tmp_path / "s")
    ds = DatasetTokens(tmp_path / "s", 64, 1, 2)
    hf = ds.to_hf_dataset(cache_dir=str(tmp_path / "cache"))
    assert len(hf) == len(ds)
    assert [row["input_ids"] for row in hf] == [ds[i]["input_ids"].tolist() for i in range(len(ds))]
