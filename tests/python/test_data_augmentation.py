"""miditok_cpp.data_augmentation: API behaviour (types, in place, errors) and random_augment."""

from __future__ import annotations

import pytest

import miditok_cpp
from miditok_cpp import data_augmentation as da

symusic = pytest.importorskip("symusic")


def _score():
    score = symusic.Score(480)
    piano = symusic.Track(program=0)
    for i in range(8):
        piano.notes.append(symusic.Note(i * 480, 240, 60 + i, 80))
    drums = symusic.Track(program=0, is_drum=True)
    drums.notes.append(symusic.Note(0, 60, 36, 100))
    score.tracks.extend([piano, drums])
    return score


def test_types_follow_the_input():
    sym = _score()
    assert isinstance(da.augment_score(sym, 1), type(sym))
    ours = miditok_cpp.Score.from_symusic(sym)
    out = da.augment_score(ours, 1, 2, 0.5)
    assert isinstance(out, miditok_cpp.Score)
    assert out.tracks[0].notes[0].pitch == 61
    assert out.tracks[0].notes[0].velocity == 82
    assert out.tracks[0].notes[0].duration == 480
    assert out.tracks[1].notes[0].pitch == 36  # drums keep their pitch
    assert ours.tracks[0].notes[0].pitch == 60  # the input is untouched


def test_in_place():
    sym = _score()
    assert da.augment_score(sym, 2, augment_copy=False) is sym
    assert sym.tracks[0].notes[0].pitch == 62
    ours = miditok_cpp.Score.from_symusic(_score())
    da.augment_score(ours, -3, augment_copy=False)
    assert ours.tracks[0].notes[0].pitch == 57


def test_pitch_overflow_raises_cleanly():
    sym = _score()
    with pytest.raises(ValueError, match="pitch_offset 100"):
        da.augment_score(sym, 100)
    assert sym.tracks[0].notes[0].pitch == 60
    # The multiple-offsets variant drops it instead.
    assert [o for o, _ in da.augment_score_multiple_offsets(sym, [100, 1])] == [(1, 0, 0)]


@pytest.mark.parametrize("offset", [128, -200, 2**40, 2**64, -(2**70)])
def test_pitch_offset_beyond_64_bits_raises_config_error(offset):
    # symusic (under MidiTok) raises TypeError past 8 bits; we raise our ValueError subclass.
    sym = _score()
    with pytest.raises(miditok_cpp.ConfigError, match=f"pitch_offset {offset} moves pitch 60"):
        da.augment_score(sym, offset)
    assert sym.tracks[0].notes[0].pitch == 60
    # Without melodic notes the offset changes nothing (drum pitches are never shifted).
    drums_only = symusic.Score(480)
    drums_only.tracks.append(_score().tracks[1])
    out = da.augment_score(drums_only, offset)
    assert [n.pitch for n in out.tracks[0].notes] == [36]


@pytest.mark.parametrize("offset", [2**64, -(2**64), 300])
def test_huge_velocity_offset_saturates(offset):
    bound = 127 if offset > 0 else 1
    out = da.augment_score(_score(), velocity_offset=offset)
    assert {n.velocity for t in out.tracks for n in t.notes} == {bound}


def test_random_augment_reproducible_per_epoch():
    sym = _score()
    kw = {
        "pitch_offsets": [-2, -1, 1, 2],
        "velocity_offsets": [-8, 8],
        "duration_offsets": [-0.25, 0.25],
    }
    draws = []
    for epoch in range(40):
        a, off_a = da.random_augment(
            sym, seed=7, epoch=epoch, sample_index=3, return_offsets=True, **kw
        )
        b, off_b = da.random_augment(
            sym, seed=7, epoch=epoch, sample_index=3, return_offsets=True, **kw
        )
        assert off_a == off_b
        assert (
            a.tracks[0].notes.numpy()["pitch"].tolist()
            == b.tracks[0].notes.numpy()["pitch"].tolist()
        )
        p, v, d = off_a
        assert p in (0, -2, -1, 1, 2) and v in (0, -8, 8) and d in (0, -120, 120)
        assert a.tracks[0].notes[0].pitch == 60 + p
        draws.append(off_a)
    assert len(set(draws)) > 8  # epochs draw anew
    # Another sample index or seed draws differently (over the epochs).
    others = [da.random_augment(sym, 8, e, return_offsets=True, **kw)[1] for e in range(40)]
    assert others != draws
    # No offsets: the score is unchanged.
    same, offsets = da.random_augment(sym, 1, 0, return_offsets=True)
    assert offsets == (0, 0, 0)
    assert (
        same.tracks[0].notes.numpy()["pitch"].tolist()
        == sym.tracks[0].notes.numpy()["pitch"].tolist()
    )


def test_random_augmentation_object_is_picklable_and_per_epoch():
    import pickle

    sym = _score()
    aug = da.RandomAugmentation(seed=3, pitch_offsets=[-2, 2], velocity_offsets=[5])
    clone = pickle.loads(pickle.dumps(aug))
    pitches = []
    for epoch in range(20):
        aug.set_epoch(epoch)
        clone.set_epoch(epoch)
        a, b = aug(sym, 4), clone(sym, 4)
        assert (
            a.tracks[0].notes.numpy()["pitch"].tolist()
            == b.tracks[0].notes.numpy()["pitch"].tolist()
        )
        _, offsets = da.random_augment(
            sym, 3, epoch, [-2, 2], [5], sample_index=4, return_offsets=True
        )
        assert a.tracks[0].notes[0].pitch == 60 + offsets[0]
        pitches.append(a.tracks[0].notes[0].pitch)
    assert len(set(pitches)) == 3


def _dataset(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "song.mid").write_bytes(_score().dumps_midi())
    return data


def _names(out):
    return sorted(p.name for p in out.iterdir() if p.suffix == ".mid")


def test_augment_dataset_out_of_range_offsets(tmp_path):
    """Offsets pushing notes out of range never crash augment_dataset: pitch ones are dropped (any
    integer), velocities and durations are clamped; offsets no Score can hold raise ValueError."""
    data = _dataset(tmp_path)
    out = tmp_path / "out"
    da.augment_dataset(
        data,
        pitch_offsets=[-200, 100, 2**40, 1],
        velocity_offsets=[-300, 300],
        duration_offsets=[-1000],
        out_path=out,
    )
    assert _names(out) == sorted(
        ["song.mid", "song#p1.mid", "song#v-300.mid", "song#v300.mid", "song#d-480000.mid"]
    )
    low = symusic.Score(out / "song#v-300.mid")
    high = symusic.Score(out / "song#v300.mid")
    assert {n.velocity for t in low.tracks for n in t.notes} == {1}
    assert {n.velocity for t in high.tracks for n in t.notes} == {127}
    short = symusic.Score(out / "song#d-480000.mid")
    piano = next(t for t in short.tracks if not t.is_drum)
    assert {n.duration for n in piano.notes} == {15}  # min_duration: 1/32 beat of 480 ticks
    # An offset beyond 32-bit ticks for this file's resolution: the file is skipped and reported.
    with pytest.warns(UserWarning, match="skipped"):
        da.augment_dataset(data, duration_offsets=[1e12], out_path=tmp_path / "huge")
    for bad in (
        {"duration_offsets": [float("inf")]},
        {"duration_offsets": [float("nan")]},
        {"velocity_offsets": [2**40]},
        {"min_duration": float("nan")},
    ):
        with pytest.raises(ValueError):
            da.augment_dataset(data, out_path=tmp_path / "bad", **bad)


def test_augment_dataset_none_offsets(tmp_path, miditok_ref):
    """MidiTok's augment_dataset raises TypeError on its None defaults; here None is no offset."""
    data = _dataset(tmp_path)
    with pytest.raises(TypeError):
        miditok_ref.data_augmentation.augment_dataset(
            data, velocity_offsets=[2], out_path=tmp_path / "ref", parallel_workers_size=1
        )
    out = tmp_path / "out"
    da.augment_dataset(data, velocity_offsets=[2], out_path=out)
    assert _names(out) == ["song#v2.mid", "song.mid"]
    da.augment_dataset(data, out_path=tmp_path / "none")  # every offset None: only the copy
    assert _names(tmp_path / "none") == ["song.mid"]


def test_augment_dataset_rewrites_outputs_whole(tmp_path):
    """Augmenting again into the same directory replaces every output whole (through spare
    inodes, file_io's SpareInodes): the bytes equal a first run's, no hidden spare is left, and a
    reader holding an old output open keeps its old bytes."""
    data = _dataset(tmp_path)
    offsets = {"pitch_offsets": [-2, 1, 2], "velocity_offsets": [-4, 5]}
    fresh, out = tmp_path / "fresh", tmp_path / "out"
    da.augment_dataset(data, out_path=fresh, **offsets)
    da.augment_dataset(data, out_path=out, velocity_offsets=[-3, 7])  # other contents first
    for path in fresh.iterdir():  # and other bytes under the names of this run's outputs
        (out / path.name).write_bytes(b"x" * 10_000)
    held = (out / "song#p1.mid").open("rb")
    da.augment_dataset(data, out_path=out, **offsets)
    assert held.read() == b"x" * 10_000
    held.close()
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(["song#v-3.mid", "song#v7.mid", *(p.name for p in fresh.iterdir())])
    for path in fresh.iterdir():
        assert (out / path.name).read_bytes() == path.read_bytes(), path.name


def test_augment_dataset_rerun_keeps_unchanged_outputs(tmp_path):
    """A rerun into the same directory leaves an output that already holds its bytes in place
    (same inode, its modification time set to now, as a rewrite sets it), and still replaces
    one whose bytes, mode or links differ."""
    import os
    import stat

    data = _dataset(tmp_path)
    offsets = {"pitch_offsets": [-2, 1], "velocity_offsets": [5], "all_offset_combinations": True}
    out = tmp_path / "out"
    da.augment_dataset(data, out_path=out, **offsets)
    first = {p.name: p.read_bytes() for p in out.iterdir()}
    kept, changed, moded, linked = (
        out / n for n in ("song#p1.mid", "song#p-2.mid", "song#v5.mid", "song#p1_v5.mid")
    )
    os.utime(kept, (1_000_000, 1_000_000))
    inode = kept.stat().st_ino
    changed.write_bytes(first[changed.name][:-1] + b"\x00")  # same size, other bytes
    moded.chmod(0o600)
    os.link(linked, tmp_path / "other_name.mid")
    da.augment_dataset(data, out_path=out, **offsets)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == first
    assert kept.stat().st_ino == inode
    assert kept.stat().st_mtime > 1_000_000
    assert stat.S_IMODE(moded.stat().st_mode) == stat.S_IMODE(kept.stat().st_mode)
    assert linked.stat().st_nlink == 1  # replaced: the other name keeps the old file
    assert (tmp_path / "other_name.mid").read_bytes() == first[linked.name]
