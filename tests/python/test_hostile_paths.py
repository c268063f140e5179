"""Hostile paths (issue 15): names that are not UTF-8, FIFOs, devices, directories, NUL bytes and
symlinks, through every API that takes a path. Inputs are generated; nothing may hang, crash or
lose the good files of a batch."""

from __future__ import annotations

import errno
import json
import os
import threading
from pathlib import Path

import pytest
from hostile_util import song

import miditok_cpp
from miditok_cpp import REMI, Score, TokenizerConfig
from miditok_cpp.utils import split_files_for_training

BAD_NAME = b"caf\xe9 \xff.mid"  # Latin-1 bytes: not UTF-8


def tokenizer() -> REMI:
    return REMI(TokenizerConfig(use_programs=True))


def within(seconds: float, fn, *args):
    """fn(*args) in a thread; fails (instead of hanging the suite) when it does not return."""
    out: dict = {}

    def target():
        try:
            out["value"] = fn(*args)
        except BaseException as err:  # handed to the caller
            out["error"] = err

    t = threading.Thread(target=target, daemon=True)
    t.start()
    t.join(seconds)
    assert not t.is_alive(), f"{getattr(fn, '__name__', fn)} did not return in {seconds}s"
    if "error" in out:
        raise out["error"]
    return out.get("value")


@pytest.fixture
def mixed(tmp_path) -> tuple[Path, list]:
    """A folder with two good files and one good file whose name is not UTF-8."""
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "a.mid").write_bytes(song(48, 1))
    (folder / "b.mid").write_bytes(song(48, 2))
    with open(os.path.join(os.fsencode(folder), BAD_NAME), "wb") as f:
        f.write(song(48, 3))
    bad = os.path.join(str(folder), os.fsdecode(BAD_NAME))  # str with surrogate escapes
    return folder, [folder / "a.mid", bad, folder / "b.mid"]


def test_score_reads_names_that_are_not_utf8(mixed):
    folder, paths = mixed
    as_bytes = os.path.join(os.fsencode(folder), BAD_NAME)
    expected = Score(folder / "a.mid").note_num()
    for form in (paths[1], Path(paths[1])):  # Score(bytes) parses MIDI data, as symusic
        assert Score(form).note_num() == expected
    for form in (paths[1], as_bytes, Path(paths[1])):
        assert Score.from_file(form).note_num() == expected


def test_encode_batch_keeps_every_file(mixed):
    _, paths = mixed
    ids, errors = tokenizer().encode_batch(paths)
    assert errors == []
    assert all(x is not None and len(x) > 0 for x in ids)


def test_tokenize_dataset_writes_every_file(mixed, tmp_path):
    folder, _ = mixed
    out = tmp_path / "tokens"
    errors = tokenizer().tokenize_dataset(folder, out)
    assert errors == []
    written = sorted(os.listdir(os.fsencode(out)))
    assert written == sorted(
        [b"a.json", b"b.json", os.fsencode(os.fsdecode(BAD_NAME))[:-4] + b".json"]
    )


def test_split_files_for_training_keeps_every_file(mixed, tmp_path):
    _, paths = mixed
    chunks = split_files_for_training(paths, tokenizer(), tmp_path / "chunks", max_seq_len=64)
    assert chunks.skipped_files == []
    stems = {os.fsencode(Path(c).name).rsplit(b"_", 1)[0] for c in chunks}
    assert stems == {b"a", b"b", BAD_NAME[:-4]}
    # bytes paths too, and again from the cache
    again = split_files_for_training(
        [os.fsencode(p) for p in paths], tokenizer(), tmp_path / "chunks2", max_seq_len=64
    )
    assert len(again) == len(chunks)


def test_dataset_midi_pre_tokenize_keeps_every_file(mixed):
    pytest.importorskip("torch")
    from miditok_cpp.pytorch_data import DatasetMIDI

    _, paths = mixed
    tok = tokenizer()
    dataset = DatasetMIDI([Path(p) for p in paths], tok, 1000, pre_tokenize=True)
    assert len(dataset) == 3
    lazy = DatasetMIDI([Path(p) for p in paths], tok, 1000)
    assert all(lazy[i]["input_ids"] is not None for i in range(3))


def test_fifo_device_and_directory_fail_at_once(tmp_path):
    fifo = tmp_path / "pipe.mid"
    os.mkfifo(fifo)
    for path in (fifo, "/dev/zero", tmp_path):
        with pytest.raises(miditok_cpp.IoError) as info:
            within(10, Score, path)
        assert info.value.errno in (errno.EINVAL, errno.EISDIR)
        assert str(path) in str(info.value)
    good = tmp_path / "good.mid"
    good.write_bytes(song())
    ids, errors = within(30, tokenizer().encode_batch, [good, fifo, "/dev/zero", good])
    assert [x is not None for x in ids] == [True, False, False, True]
    assert [p for p, _ in errors] == [str(fifo), "/dev/zero"]
    with pytest.raises(miditok_cpp.IoError):
        within(10, lambda: REMI(params=fifo))  # a params file that is a FIFO


def test_nul_in_a_path_is_a_typed_error(tmp_path):
    good = tmp_path / "a.mid"
    good.write_bytes(song())
    cut = str(tmp_path / "a.mid") + "\x00x.mid"
    with pytest.raises(miditok_cpp.IoError):
        Score(cut)
    score = Score(good)
    before = sorted(os.listdir(tmp_path))
    for name in (str(tmp_path / "b") + "\x00.mid", os.fsencode(tmp_path / "b") + b"\x00.mid"):
        with pytest.raises(miditok_cpp.IoError):
            score.dump_midi(name)
    with pytest.raises(miditok_cpp.IoError):
        tokenizer().save(str(tmp_path / "t\x00.json"))
    assert sorted(os.listdir(tmp_path)) == before  # nothing written under the cut name
    ids, errors = tokenizer().encode_batch([good, cut, good])
    assert [x is not None for x in ids] == [True, False, True]
    assert len(errors) == 1


def test_missing_and_forbidden_files_keep_errno_and_path(tmp_path):
    with pytest.raises(miditok_cpp.IoError) as info:
        Score(tmp_path / "missing.mid")
    assert info.value.errno == errno.ENOENT
    assert info.value.filename == str(tmp_path / "missing.mid")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):
            pytest.skip("running as a user that ignores permissions")
        with pytest.raises(miditok_cpp.IoError) as info:
            Score().dump_midi(locked / "a.mid")
        assert info.value.errno == errno.EACCES
    finally:
        locked.chmod(0o700)


def test_tokenize_dataset_follows_symlinks_as_miditok(tmp_path, miditok_ref):
    folder = tmp_path / "data"
    (folder / "sub").mkdir(parents=True)
    (folder / "real.mid").write_bytes(song(32, 5))
    (folder / "sub" / "target.mid").write_bytes(song(32, 4))
    (folder / "link.mid").symlink_to(folder / "sub" / "target.mid")  # inside the root

    def listing(root: Path) -> list[str]:
        return sorted(str(p.relative_to(root)) for p in root.rglob("*.json"))

    ours = tmp_path / "ours"
    assert tokenizer().tokenize_dataset(folder, ours) == []
    theirs = tmp_path / "theirs"
    miditok_ref.REMI(miditok_ref.TokenizerConfig(use_programs=True)).tokenize_dataset(
        folder, theirs, verbose=False, parallel_workers_size=1
    )
    assert listing(ours) == listing(theirs) == ["real.json", "sub/link.json", "sub/target.json"]
    for rel in listing(ours):
        assert json.loads((ours / rel).read_text()) == json.loads((theirs / rel).read_text())

    # Targets outside the root (miditok: ValueError, the run stops): placed where the link is.
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "far.mid").write_bytes(song(32, 6))
    (folder / "far_link.mid").symlink_to(outside / "far.mid")
    (folder / "linkdir").symlink_to(outside, target_is_directory=True)
    with pytest.raises(ValueError, match="subpath"):
        miditok_ref.REMI().tokenize_dataset(folder, tmp_path / "t2", parallel_workers_size=1)
    ours2 = tmp_path / "ours2"
    assert tokenizer().tokenize_dataset(folder, ours2) == []
    # (a symlinked directory is not searched: pathlib's "**" does not follow it, for miditok too)
    assert listing(ours2) == ["far_link.json", "real.json", "sub/link.json", "sub/target.json"]
