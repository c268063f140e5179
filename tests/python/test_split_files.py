"""split_files_for_training: MidiTok's chunk files, a cache that works across processes, nothing
lost, bad files skipped and reported, mixed directory depths."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from conftest import corpus_files

from miditok_cpp.utils import split_files_for_training

ROOT = Path(__file__).resolve().parents[2]
CHUNK = "miditok: chunk"


def _files():
    return corpus_files("one_track") + corpus_files("multitrack") + corpus_files("corrupted")


def _rel(paths, base):
    return [str(Path(p).relative_to(base)) for p in paths]


def test_one_stream_same_files_as_miditok(tmp_path, corpus, miditok_ref):
    from miditok.utils import split_files_for_training as ref_split

    tok = miditok_ref.REMI(miditok_ref.TokenizerConfig(use_programs=True, use_time_signatures=True))
    files = _files()
    with pytest.warns(UserWarning, match="1 unreadable file"):
        ours = split_files_for_training(files, tok, tmp_path / "o", 256)
    ref = ref_split(files, tok, tmp_path / "r", 256, parallel_workers_size=1)
    assert _rel(ours, tmp_path / "o") == _rel(ref, tmp_path / "r")
    for rel in _rel(ref, tmp_path / "r"):
        assert (tmp_path / "o" / rel).read_bytes() == (tmp_path / "r" / rel).read_bytes(), rel
    assert ours.skipped_files == corpus_files("corrupted")


def test_multi_stream_same_files_as_miditok_without_leaked_markers(
    tmp_path, corpus, miditok_ref, symusic_ref
):
    """Per-track chunks. MidiTok's split_score_per_tracks shares one marker list between the
    track scores, so each chunk file also holds the chunk markers of the other tracks' chunks
    (which then mislead DatasetMIDI's BOS/EOS). Ours holds only its own marker."""
    from miditok.utils import split_files_for_training as ref_split

    tok = miditok_ref.TSD()
    files = corpus_files("multitrack")
    ours = split_files_for_training(files, tok, tmp_path / "o", 256, average_num_tokens_per_note=2)
    ref = ref_split(
        files, tok, tmp_path / "r", 256, average_num_tokens_per_note=2, parallel_workers_size=1
    )
    assert _rel(ours, tmp_path / "o") == _rel(ref, tmp_path / "r")
    leaked = 0
    for rel in _rel(ref, tmp_path / "r"):
        a = symusic_ref.Score(tmp_path / "o" / rel)
        b = symusic_ref.Score(tmp_path / "r" / rel)
        own = [m.text for m in a.markers if m.text.startswith(CHUNK)]
        assert len(own) == 1, rel
        ref_chunk_markers = [m for m in b.markers if m.text.startswith(CHUNK)]
        leaked += len(ref_chunk_markers) - 1
        b.markers = [m for m in b.markers if not m.text.startswith(CHUNK)] + [
            m for m in ref_chunk_markers if m.text == own[0]
        ][:1]
        a.markers = [m for m in a.markers if not m.text.startswith(CHUNK)] + [
            m for m in a.markers if m.text.startswith(CHUNK)
        ]
        assert a == b, rel
    assert leaked > 0  # the MidiTok bug is there to see


def test_cache_reused_from_a_new_process(tmp_path, corpus, miditok_ref):
    tok = miditok_ref.REMI(miditok_ref.TokenizerConfig(use_programs=True))
    files = corpus_files("one_track")
    first = split_files_for_training(files, tok, tmp_path / "o", 512, average_num_tokens_per_note=3)
    hidden = [p for p in (tmp_path / "o").iterdir() if p.name.startswith(".")]
    assert len(hidden) == 1
    cache = json.loads(hidden[0].read_text())  # chunks and sizes under a checksum (issue 15)
    assert json.loads(cache["payload"])[0] == len(files)
    mtimes = {p: p.stat().st_mtime_ns for p in first}
    code = (
        "import sys, miditok\n"
        "from pathlib import Path\n"
        "from miditok_cpp.utils import split_files_for_training as s\n"
        f"files = [Path(p) for p in {[str(f) for f in files]!r}]\n"
        "tok = miditok.REMI(miditok.TokenizerConfig(use_programs=True))\n"
        f"out = s(files, tok, Path({str(tmp_path / 'o')!r}), 512, average_num_tokens_per_note=3)\n"
        "print('\\n'.join(map(str, out)))\n"
    )
    env = {"PYTHONPATH": f"{ROOT / 'python'}:{ROOT / 'tests' / 'python'}"}
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, env=env, capture_output=True, text=True
    ).stdout.splitlines()
    assert out == [str(p) for p in first]
    assert {p: p.stat().st_mtime_ns for p in first} == mtimes  # nothing rewritten
    assert len([p for p in (tmp_path / "o").iterdir() if p.name.startswith(".")]) == 1
    # Other parameters: a new split
    other = split_files_for_training(files, tok, tmp_path / "o", 256, average_num_tokens_per_note=3)
    assert len(other) > len(first)


def test_mixed_depths_and_relative_tree(tmp_path, corpus, miditok_ref):
    """MidiTok's get_deepest_common_subdir raises IndexError on mixed depths (inventory #9)."""
    from miditok.utils import split_files_for_training as ref_split

    src = tmp_path / "src"
    (src / "a" / "b").mkdir(parents=True)
    one, two = corpus_files("one_track")[:2]
    shutil.copy(one, src / "x.mid")
    shutil.copy(two, src / "a" / "b" / "y.mid")
    files = [src / "x.mid", src / "a" / "b" / "y.mid"]
    tok = miditok_ref.REMI(miditok_ref.TokenizerConfig(use_programs=True))
    with pytest.raises(IndexError):
        ref_split(files, tok, tmp_path / "r", 256, average_num_tokens_per_note=2)
    out = split_files_for_training(files, tok, tmp_path / "o", 256, average_num_tokens_per_note=2)
    rels = _rel(out, tmp_path / "o")
    assert any(r.startswith("x_") for r in rels)
    assert any(r.startswith("a/b/y_") for r in rels)


def test_every_note_lies_in_a_chunk(tmp_path, corpus, miditok_ref, symusic_ref):
    """Without overlap and with min_seq_len=0, the chunks of each file hold exactly its notes."""
    tok = miditok_ref.REMI(miditok_ref.TokenizerConfig(use_programs=True, use_time_signatures=True))
    files = corpus_files("one_track") + corpus_files("multitrack")
    out = split_files_for_training(
        files, tok, tmp_path / "o", 200, average_num_tokens_per_note=2.5,
        num_overlap_bars=0, min_seq_len=0,
    )  # fmt: skip
    for path in files:
        notes = Counter(
            (n.pitch, n.duration, n.velocity)
            for t in symusic_ref.Score(path).tracks
            for n in t.notes
        )
        chunk_notes: Counter = Counter()
        for chunk in (p for p in out if p.stem.rsplit("_", 1)[0] == path.stem):
            chunk_notes.update(
                (n.pitch, n.duration, n.velocity)
                for t in symusic_ref.Score(chunk).tracks
                for n in t.notes
            )
        assert chunk_notes == notes, f"{path.name}: notes lost or duplicated"


def test_no_files_is_an_error(tmp_path):
    with pytest.raises(ValueError, match="No music file"):
        split_files_for_training([], object(), tmp_path, 100)


@pytest.mark.parametrize("kind", ["one_stream", "per_track", "trained"])
def test_average_tokens_per_note_same_as_miditok(tmp_path, corpus, miditok_ref, kind):
    """Ours (files read and tokenized on C++ threads) gives MidiTok's float exactly."""
    from miditok.utils import get_average_num_tokens_per_note as ref_avg

    import miditok_cpp
    from miditok_cpp.utils import get_average_num_tokens_per_note

    files = (
        corpus_files("one_track")[:8] + corpus_files("multitrack")[:4] + corpus_files("corrupted")
    )
    if kind == "one_stream":
        ours = miditok_cpp.REMI(miditok_cpp.TokenizerConfig(use_programs=True))
        ref = miditok_ref.REMI(miditok_ref.TokenizerConfig(use_programs=True))
    elif kind == "per_track":
        ours, ref = miditok_cpp.TSD(), miditok_ref.TSD()
    else:
        ours = miditok_cpp.REMI(miditok_cpp.TokenizerConfig(use_programs=True))
        ours.train(vocab_size=ours.vocab_size + 60, files_paths=files[:6])
        ours.save(tmp_path / "tokenizer.json")
        ref = miditok_ref.REMI(params=tmp_path / "tokenizer.json")  # same vocabulary and model
        assert ours.is_trained and ref.is_trained
    expected = ref_avg(ref, files)
    assert get_average_num_tokens_per_note(ours, files) == expected, kind
    # a MidiTok tokenizer goes through the Python loop, same float
    assert get_average_num_tokens_per_note(ref, files) == expected, kind


def test_new_save_dir_appears_whole_or_not_at_all(tmp_path, corpus):
    """A new or empty save_dir is written under a hidden name and renamed at the end: a split
    that never finishes leaves nothing (MidiTok leaves the chunks written so far)."""
    import miditok_cpp
    from miditok_cpp import _core

    tok = miditok_cpp.REMI(miditok_cpp.TokenizerConfig(use_programs=True))
    files = [str(p) for p in corpus_files("one_track")]
    options = _core.SplitFilesOptions()
    options.save_dir = str(tmp_path / "cut")
    options.root_dir = str(Path(files[0]).parent)
    options.max_seq_len = 256
    batch = _core.SplitBatch(options)
    chunks = batch.split(files[:3], 1)[0]
    assert chunks and not (tmp_path / "cut").exists()
    del batch  # never committed: the chunks are absent, no staging directory is left
    assert list(tmp_path.iterdir()) == []
    (tmp_path / "empty").mkdir(mode=0o750)
    out = split_files_for_training(files, tok, tmp_path / "empty", 256)
    assert all(p.is_file() for p in out)
    assert (tmp_path / "empty").stat().st_mode & 0o7777 == 0o750
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty"]


def test_chunk_paths_are_plain_paths(tmp_path, corpus):
    import miditok_cpp

    tok = miditok_cpp.REMI(miditok_cpp.TokenizerConfig(use_programs=True))
    for save_dir in (tmp_path / "o", tmp_path / "sub" / ".." / "p"):
        out = split_files_for_training(corpus_files("one_track"), tok, save_dir, 256)
        assert type(out) is not list and isinstance(out, list)
        for p in out:
            assert type(p) is type(Path(str(p)))
            assert p == Path(str(p)) and hash(p) == hash(Path(str(p))) and p.is_file()
            assert p.parent == save_dir and p.stem.rsplit("_", 1)[1].isdigit()
        again = split_files_for_training(corpus_files("one_track"), tok, save_dir, 256)
        assert list(again) == list(out)


def test_symlinked_file_named_as_given(tmp_path, corpus, miditok_ref):
    """Chunks are named after the path given, not the file a symlink points to, as MidiTok."""
    from miditok.utils import split_files_for_training as ref_split

    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(corpus_files("one_track")[0], src / "real.mid")
    (src / "alias.mid").symlink_to(src / "real.mid")
    tok = miditok_ref.REMI(miditok_ref.TokenizerConfig(use_programs=True))
    files = [src / "alias.mid"]
    ours = split_files_for_training(files, tok, tmp_path / "o", 256, average_num_tokens_per_note=2)
    ref = ref_split(files, tok, tmp_path / "r", 256, average_num_tokens_per_note=2)
    assert _rel(ours, tmp_path / "o") == _rel(ref, tmp_path / "r")
    assert all(p.name.startswith("alias_") for p in ours)


def test_python_steps_keep_order_and_bytes(tmp_path, corpus, miditok_ref):
    """ABC files and a preprocessing_method go through the Python steps, MIDI files through the
    C++ batch: the chunks still come in input order, MIDI chunks byte-identical to MidiTok's."""
    from miditok.utils import split_files_for_training as ref_split

    def keep(score):
        return score

    tok = miditok_ref.REMI(miditok_ref.TokenizerConfig(use_programs=True))
    midi = sorted(corpus_files("one_track"), key=lambda p: p.stat().st_size)[1:4]  # small ones
    abc = corpus_files("abc", "*.abc")[:2]
    files = [midi[0], *abc, *midi[1:]]
    ours = split_files_for_training(files, tok, tmp_path / "o", 64, average_num_tokens_per_note=2)
    ref = ref_split(
        files, tok, tmp_path / "r", 64, average_num_tokens_per_note=2, parallel_workers_size=1
    )
    assert _rel(ours, tmp_path / "o") == _rel(ref, tmp_path / "r")
    assert any(p.suffix == ".abc" for p in ours)
    kept = split_files_for_training(
        midi, tok, tmp_path / "k", 64, average_num_tokens_per_note=2, preprocessing_method=keep
    )
    ref_kept = ref_split(
        midi, tok, tmp_path / "rk", 64, average_num_tokens_per_note=2,
        preprocessing_method=keep, parallel_workers_size=1,
    )  # fmt: skip
    assert _rel(kept, tmp_path / "k") == _rel(ref_kept, tmp_path / "rk")
    for rel in _rel(ref_kept, tmp_path / "rk"):
        assert (tmp_path / "k" / rel).read_bytes() == (tmp_path / "rk" / rel).read_bytes(), rel


def test_average_error_comes_first(tmp_path, corpus):
    """The average, measured on a thread while the inputs are resolved, still fails the call
    before anything is written when no file has a note."""
    import miditok_cpp

    tok = miditok_cpp.REMI(miditok_cpp.TokenizerConfig(use_programs=True))
    with pytest.raises(ValueError, match="contain no note"):
        split_files_for_training(corpus_files("corrupted"), tok, tmp_path / "out", 64)
    assert not (tmp_path / "out").exists()


def test_cache_payload_is_json_dumps():
    """The cache document built batch by batch is json.dumps' byte for byte (escapes included)."""
    import hashlib
    import random

    from miditok_cpp.utils.split_cache import _CACHE_VERSION, CachePayload

    rng = random.Random(7)
    alphabet = ["a", "é", '"', "\\", "\udcff", "\n", "/", "中", "😀", " ", "\x00", "z"]
    for _ in range(100):
        batches = [
            [("".join(rng.choices(alphabet, k=rng.randint(0, 6))), rng.randint(0, 10**6))]
            * rng.randint(0, 4)
            for _ in range(rng.randint(0, 4))
        ]
        names = [n for batch in batches for n, _ in batch]
        sizes = [s for batch in batches for _, s in batch]
        built = CachePayload()
        for batch in batches:
            built.add([n for n, _ in batch], [s for _, s in batch])
        payload, escaped = built.texts(len(batches))
        assert payload == json.dumps([len(batches), names, sizes])
        digest = hashlib.sha256(payload.encode()).hexdigest()
        document = json.dumps({"version": _CACHE_VERSION, "sha256": digest, "payload": payload})
        assert json.dumps(payload) == f'"{escaped}"'
        assert document.endswith(f'"payload": "{escaped}"}}')
