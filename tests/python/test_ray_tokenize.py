"""miditok_cpp.ray.tokenize_files on a real local Ray cluster (a head and a worker node, each a
``ray start`` process of this machine): the same ids as tokenize_to_store and encode, bad files
reported with their path, no file lost or twice, the store read by numpy and DatasetTokens,
Parquet read by pyarrow. One cluster for the module; its tests run in one xdist group."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from conftest import ON_CI, corpus_files
from test_token_store import _numpy_documents

import miditok_cpp
from miditok_cpp.data import read_manifest, tokenize_to_store
from miditok_cpp.pytorch_data import DatasetTokens

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.xdist_group("ray")
BAD_NAMES = {"ray_corrupt.mid", "ray_empty.mid"}

try:
    import ray  # noqa: F401
except ImportError:
    if ON_CI:
        raise  # requirements/dev.txt installs ray: on CI these tests never skip
    pytest.skip("ray is not installed (the `ray` extra)", allow_module_level=True)


@pytest.fixture(scope="module")
def cluster():
    """A head (1 CPU) and one worker node (1 CPU), connected; stopped by process id after."""
    from miditok_cpp.ray._local_cluster import LocalCluster

    with LocalCluster(workers=1) as address:
        yield address


@pytest.fixture(scope="module")
def files(tmp_path_factory, corpus) -> list[Path]:
    """The shared corpus, generated files, an ABC file and bad files (corrupt, empty)."""
    root = tmp_path_factory.mktemp("ray_corpus")
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "generate_corpus.py"),
            "--out",
            str(root / "gen"),
            "--num",
            "24",
            "--seed",
            "14",
        ],
        check=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT / "python")),
    )
    (root / "ray_corrupt.mid").write_bytes(b"MThd\x00\x00\x00\x06\x00\x01\x00\x02\x01\xe0MTrk\xff")
    (root / "ray_empty.mid").write_bytes(b"")
    good = corpus_files("one_track") + corpus_files("multitrack") + corpus_files("abc", "*.abc")[:1]
    return [
        *good,
        *sorted((root / "gen").glob("*.mid")),
        root / "ray_corrupt.mid",
        root / "ray_empty.mid",
        *corpus_files("corrupted"),
    ]


def _bad(files: list[Path]) -> set[str]:
    """The files made or kept bad on purpose (the corpus has other files that fail too)."""
    return {str(f) for f in files if f.parent.name == "corrupted" or f.name in BAD_NAMES}


def _remi() -> miditok_cpp.REMI:
    return miditok_cpp.REMI(miditok_cpp.TokenizerConfig(use_programs=True))


def test_store_same_ids_as_tokenize_to_store(cluster, files, tmp_path):
    from miditok_cpp.ray import tokenize_files

    tok = _remi()
    missing = tmp_path / "missing.mid"
    given = [*files, missing]
    report = tokenize_files(given, tok, tmp_path / "ray", batch_size=8, shard_tokens=100_000)
    single = tokenize_to_store(given, tok, tmp_path / "single", shard_tokens=100_000)

    bad = {p for p, _ in single["errors"]}
    assert _bad(files) | {str(missing)} <= bad
    assert {p for p, _ in report["errors"]} == bad and len(report["errors"]) == len(bad)
    assert all(msg for _, msg in report["errors"])
    for key in ("files", "failed", "documents", "tokens"):
        assert report[key] == single[key], key
    ray_docs = _numpy_documents(tmp_path / "ray")
    assert ray_docs == _numpy_documents(tmp_path / "single")
    good = [f for f in files if str(f) not in bad]
    assert ray_docs == [list(tok.encode(f).ids) for f in good]

    manifest = read_manifest(tmp_path / "ray")
    entries = [(f["path"], f["documents"], f["error"] is None) for f in manifest["files"]]
    expected = read_manifest(tmp_path / "single")["files"]
    assert entries == [(f["path"], f["documents"], f["error"] is None) for f in expected]
    assert Counter(f["path"] for f in manifest["files"]) == Counter(map(str, given))
    assert {f["path"]: f["error"] for f in manifest["files"] if f["error"]}.keys() == bad
    # The layout of tokenize_to_store's (one shard or more per Ray batch): numbered shards, all
    # named by the manifest, and nothing else.
    names = [s[k] for s in manifest["shards"] for k in ("ids", "offsets")]
    assert names == [
        f"shard-{i:06d}.{k}.npy" for i in range(len(names) // 2) for k in ("ids", "offsets")
    ]
    assert sorted(p.name for p in (tmp_path / "ray").iterdir()) == sorted([*names, "manifest.json"])

    ds = DatasetTokens(tmp_path / "ray", 512, 1, 2)
    ref = DatasetTokens(tmp_path / "single", 512, 1, 2)
    assert len(ds) == len(ref) == len(good)
    for i in range(len(ds)):
        assert ds[i]["input_ids"].tolist() == ref[i]["input_ids"].tolist()
    assert not list(tmp_path.glob(".ray*")), "the work directory is removed"


def test_parquet_same_ids_as_encode(cluster, files, tmp_path):
    import pyarrow.parquet as pq

    from miditok_cpp.ray import tokenize_files

    tok = miditok_cpp.TSD()  # one document per track
    report = tokenize_files(files, tok, tmp_path / "pq", format="parquet", batch_size=8)
    table = pq.read_table(tmp_path / "pq").to_pylist()
    bad = {str(p) for p, _ in tok.encode_batch(files)[1]}
    assert _bad(files) <= bad
    assert {r["path"] for r in table if r["error"]} == bad
    assert {p for p, _ in report["errors"]} == bad
    assert all(r["ids"] is None for r in table if r["error"])
    got: dict[str, list[list[int]]] = {}
    for r in table:
        if r["document"] >= 0:
            assert r["document"] == len(got.setdefault(r["path"], []))
            got[r["path"]].append(r["ids"])
    firsts = Counter(r["path"] for r in table if r["document"] <= 0)
    assert firsts == Counter(map(str, files)), "each file once"
    for f in files:
        if str(f) not in bad:
            assert got.get(str(f), []) == [list(s.ids) for s in tok.encode(f)], f
    assert report["documents"] == sum(len(v) for v in got.values())
    assert report["tokens"] == sum(len(d) for v in got.values() for d in v)
    assert not list(tmp_path.glob(".pq*"))


def test_append_from_a_ray_dataset_and_refusals(cluster, files, tmp_path):
    import ray.data

    from miditok_cpp.ray import tokenize_files

    tok = _remi()
    first, second = files[:5], [f for f in files[5:12] if str(f) not in _bad(files)]
    tokenize_to_store(first, tok, tmp_path / "s")
    dataset = ray.data.read_binary_files([str(f) for f in second], include_paths=True)
    report = tokenize_files(dataset, tok, tmp_path / "s", batch_size=3)
    assert report["files"] == len(second) and report["failed"] == 0
    assert _numpy_documents(tmp_path / "s") == [list(tok.encode(f).ids) for f in first + second]
    assert [f["path"] for f in read_manifest(tmp_path / "s")["files"]] == [
        str(f) for f in first + second
    ]

    before = sorted((p.name, p.stat().st_mtime_ns) for p in (tmp_path / "s").iterdir())
    with pytest.raises(miditok_cpp.ConfigError, match="another tokenizer"):
        tokenize_files(second, miditok_cpp.TSD(), tmp_path / "s")
    with pytest.raises(ValueError, match="bytes and path"):
        tokenize_files(ray.data.from_items([{"x": 1}]), tok, tmp_path / "s")
    with pytest.raises(ValueError, match="format"):
        tokenize_files(second, tok, tmp_path / "s", format="csv")
    with pytest.raises(miditok_cpp.IoError, match="not empty"):
        tokenize_files(second, tok, tmp_path / "s", format="parquet")
    assert sorted((p.name, p.stat().st_mtime_ns) for p in (tmp_path / "s").iterdir()) == before
    assert not (tmp_path / "new").exists() and not list(tmp_path.glob(".*ray-*"))


def test_import_needs_no_ray_and_names_the_extra():
    code = (
        "import sys\n"
        "import miditok_cpp, miditok_cpp.data, miditok_cpp.pytorch_data\n"
        "assert 'ray' not in sys.modules, 'importing miditok_cpp imported ray'\n"
        "sys.modules['ray'] = None\n"
        "try:\n"
        "    import miditok_cpp.ray\n"
        "except ImportError as err:\n"
        '    assert "miditok-cpp[ray]" in str(err), err\n'
        "else:\n"
        "    raise SystemExit('no ImportError')\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT / "python"))
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
