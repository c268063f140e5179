"""Outputs appear whole or not at all (issue 15): every writer under a full disk (RLIMIT_FSIZE in
a child process), and the split cache against cut, damaged and stale copies."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hostile_util import run_limited, song

from miditok_cpp import REMI
from miditok_cpp.utils import split_files_for_training


def temp_files(folder: Path) -> list[str]:
    return [str(p) for p in folder.rglob("*") if p.name.endswith(".tmp")]


def check_whole_json(folder: Path, pattern: str) -> int:
    """Every file matching pattern parses: none is cut. Returns how many there are."""
    files = list(folder.rglob(pattern))
    for f in files:
        json.loads(f.read_text())
    return len(files)


@pytest.fixture
def data(tmp_path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    for i in range(6):
        (folder / f"f{i}.mid").write_bytes(song(200 + 50 * i, i))
    return folder


def test_dump_midi_and_save_under_a_full_disk(tmp_path, data):
    (tmp_path / "old.mid").write_bytes(b"old")
    (tmp_path / "tok.json").write_text("{}")
    out = run_limited(
        f"""
        import miditok_cpp
        score = miditok_cpp.Score({str(data / "f5.mid")!r})
        for call in (lambda: score.dump_midi("old.mid"), lambda: score.dump_midi("new.mid"),
                     lambda: miditok_cpp.REMI().save("tok.json")):
            try:
                call()
                print("written")
            except OSError as err:
                print(type(err).__name__, err.errno)
        """,
        tmp_path,
        fsize=100,
    )
    assert out.split("\n")[:3] == ["IoError 27"] * 3  # EFBIG, typed, errno kept
    assert (tmp_path / "old.mid").read_bytes() == b"old"
    assert not (tmp_path / "new.mid").exists()
    assert (tmp_path / "tok.json").read_text() == "{}"
    assert temp_files(tmp_path) == []


@pytest.mark.parametrize("fsize", [600, 3000])
def test_batch_writers_under_a_full_disk(tmp_path, data, fsize):
    run_limited(
        f"""
        import warnings
        import miditok_cpp
        from miditok_cpp.data_augmentation import augment_dataset
        from miditok_cpp.utils import split_files_for_training
        warnings.simplefilter("ignore")
        tok = miditok_cpp.REMI()
        print(len(tok.tokenize_dataset({str(data)!r}, "tokens")))
        augment_dataset({str(data)!r}, pitch_offsets=[-2, 2], out_path="augmented")
        files = sorted(__import__("pathlib").Path({str(data)!r}).glob("*.mid"))
        print(len(split_files_for_training(files, tok, "chunks", max_seq_len=128)))
        """,
        tmp_path,
        fsize=fsize,
    )
    # What was written is whole; what could not be is absent.
    check_whole_json(tmp_path / "tokens", "*.json")
    from miditok_cpp import Score

    for mid in [*(tmp_path / "augmented").rglob("*.mid"), *(tmp_path / "chunks").rglob("*.mid")]:
        Score(mid)  # parses: not cut
    assert temp_files(tmp_path) == []


def split(files, save_dir):
    return split_files_for_training(files, REMI(), save_dir, max_seq_len=128)


def test_split_cache_cut_or_damaged_is_rebuilt(tmp_path, data):
    files = sorted(data.glob("*.mid"))
    save_dir = tmp_path / "chunks"
    first = split(files, save_dir)
    assert len(first) > 6
    (cache,) = [p for p in save_dir.iterdir() if p.name.startswith(".")]
    whole = cache.read_bytes()

    def damaged_variants():
        yield whole[: len(whole) // 2]  # a write cut in half (the issue: 74 of 148 chunks)
        yield whole[:-2]
        yield b""
        yield whole.replace(b'"payload"', b'"payloaD"')
        body = json.loads(whole)
        payload = json.loads(body["payload"])
        payload[1] = payload[1][: len(payload[1]) // 2]  # half the list, digest kept
        body["payload"] = json.dumps(payload)
        yield json.dumps(body).encode()
        yield b"1 files after file splits\nf0_0.mid\n"  # the old format

    for variant in damaged_variants():
        cache.write_bytes(variant)
        again = split(files, save_dir)
        assert sorted(map(str, again)) == sorted(map(str, first))
    # A listed chunk deleted or changed since: split again.
    Path(first[0]).unlink()
    assert sorted(map(str, split(files, save_dir))) == sorted(map(str, first))
    with open(first[1], "ab") as f:
        f.write(b"x")
    assert sorted(map(str, split(files, save_dir))) == sorted(map(str, first))
    assert Path(first[1]).stat().st_size == os.stat(first[1]).st_size
    # An intact cache is used (a chunk removed behind its back is not re-created when the cache
    # still matches: it is listed, so the cache is found stale).
    assert len(split(files, save_dir)) == len(first)


def test_split_cache_survives_a_killed_cache_write(tmp_path, data):
    """A process killed while the cache is written (here: a file-size limit hit on it) leaves no
    cache that a later call trusts."""
    files = sorted(data.glob("*.mid"))
    first = split(files, tmp_path / "ref")
    run_limited(
        f"""
        import os, pathlib
        from miditok_cpp import REMI, _fileio
        from miditok_cpp.utils import split_files_for_training
        real = _fileio.write_text
        def cut(path, text, sync=True):
            with open(path, "w") as f:  # what an in-place writer leaves when killed half-way
                f.write(text[: len(text) // 2])
            os._exit(0)
        _fileio.write_text = cut
        files = sorted(pathlib.Path({str(data)!r}).glob("*.mid"))
        split_files_for_training(files, REMI(), "chunks", max_seq_len=128)
        """,
        tmp_path,
    )
    again = split(files, tmp_path / "chunks")
    assert len(again) == len(first)
