"""symusic 0.6.0's time-map methods on our Score and Track, side by side with symusic's on the
shared corpus and on crafted scores: Score/Track.adjust_time, Track.trim, Score.get_beats and
Score.get_downbeats (ticks; quarter and second scores are symusic's own, from Score.to)."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import corpus_files

import miditok_cpp
from miditok_cpp import Note, Score, TimeSignature, Track

pytestmark = pytest.mark.conformance

FILES = corpus_files("multitrack") + corpus_files("one_track")


def _pair(path, symusic_ref):
    return Score(path), symusic_ref.Score(str(path))


def _assert_same(ours, ref, what):
    assert Score.from_symusic(ref) == ours, what


def _starts(score) -> list[int]:
    end = score.end()
    return [0, 1, score.ticks_per_quarter * 3 + 7, end // 3, end - 1, end, end + 5]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_beats_and_downbeats_equal_symusics(path, symusic_ref):
    ours, ref = _pair(path, symusic_ref)
    for start in _starts(ref):
        for method in ("get_beats", "get_downbeats"):
            a = getattr(ours, method)(start)
            b = getattr(ref, method)(start)
            assert a.dtype == b.dtype == np.int32
            assert np.array_equal(a, b), f"{path.name} {method}({start})"
    assert np.array_equal(ours.get_beats(), ref.get_beats())


@pytest.mark.parametrize("unit", ["quarter", "second"])
def test_beats_in_quarters_and_seconds(unit, symusic_ref):
    path = FILES[0]
    ours, ref = _pair(path, symusic_ref)
    conv, conv_ref = ours.to(unit), ref.to(unit)
    assert np.array_equal(conv.get_beats(), conv_ref.get_beats())
    assert np.array_equal(conv.get_downbeats(), conv_ref.get_downbeats())


def _crafted(symusic_ref, tpq, signatures, note_end):
    """Our score and symusic's with these (time, numerator, denominator) signatures."""
    ours, ref = Score(tpq), symusic_ref.Score(tpq)
    for time, num, den in signatures:
        ours.time_signatures.append(TimeSignature(time, num, den))
        ref.time_signatures.append(symusic_ref.TimeSignature(time, num, den))
    t, rt = Track("", 0, False), symusic_ref.Track("", 0, False)
    t.notes.append(Note(0, note_end, 60, 64))
    rt.notes.append(symusic_ref.Note(0, note_end, 60, 64))
    ours.tracks.append(t)
    ref.tracks.append(rt)
    return ours, ref


SIGNATURES = [
    [],
    [(0, 4, 4)],
    [(0, 3, 4), (1440, 6, 8), (3000, 5, 4)],
    [(100, 7, 8)],  # first signature after the start: 4/4 assumed before
    [(960, 12, 16), (0, 9, 8)],  # unsorted
    [(0, 2, 2), (333, 3, 8), (333, 4, 4), (5000, 0, 4), (6000, 15, 16)],
    [(0, 6, 4), (7, 1, 1)],  # a signature between two beats
]


@pytest.mark.parametrize("tpq", [480, 7, 96])
@pytest.mark.parametrize("signatures", SIGNATURES, ids=range(len(SIGNATURES)))
def test_beats_on_crafted_signatures(symusic_ref, tpq, signatures):
    ours, ref = _crafted(symusic_ref, tpq, signatures, 9000)
    for start in (0, 5, 100, 333, 4000, 9000, 12000):
        for method in ("get_beats", "get_downbeats"):
            a, b = getattr(ours, method)(start), getattr(ref, method)(start)
            assert np.array_equal(a, b), f"tpq={tpq} {signatures} {method}({start})"


def test_beats_of_an_empty_score(symusic_ref):
    assert np.array_equal(Score(480).get_beats(), symusic_ref.Score(480).get_beats())
    assert Score(480).get_downbeats().size == 0


def test_beats_that_float32_cannot_space_raise():
    score = Score(1)
    t = Track()
    t.notes.append(Note(2**30, 1, 60, 64))
    score.tracks.append(t)
    with pytest.raises(miditok_cpp.ConfigError, match="get_beats"):
        score.get_beats(2**29)


def _maps(end: int) -> list[tuple[list[int], list[int]]]:
    half, third = max(end // 2, 1), max(end // 3, 1)
    return [
        ([0, end], [0, end * 2]),
        ([0, half, end], [0, end, end + half]),
        ([0, third, 2 * third, end], [0, third // 3, third, 3 * end]),  # uneven factors
        ([third, end], [0, end]),  # events before third are removed
        ([0, half], [10, 10 + half * 3]),  # events ending after half are removed
        ([0, third, third, end], [0, third, third + 1, end]),  # a repeated original time
    ]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_adjust_time_equals_symusics(path, symusic_ref):
    ours, ref = _pair(path, symusic_ref)
    for original, new in _maps(max(ref.end(), 12)):
        what = f"{path.name} {original} -> {new}"
        _assert_same(ours.adjust_time(original, new), ref.adjust_time(original, new), what)
        for track, ref_track in zip(ours.tracks, ref.tracks, strict=True):
            got = track.adjust_time(original, new)
            want = ref_track.adjust_time(original, new)
            assert Track._from_symusic_state(want.__getstate__()) == got, what


def test_adjust_time_inplace_and_copy(symusic_ref):
    path = FILES[0]
    ours, ref = _pair(path, symusic_ref)
    copy = ours.adjust_time([0, 100000], [0, 50000])
    assert copy is not ours and ours == Score(path)
    same = ours.adjust_time([0, 100000], [0, 50000], inplace=True)
    assert same is ours and ours == copy
    ref.adjust_time([0, 100000], [0, 50000], inplace=True)
    _assert_same(ours, ref, "inplace")
    track = ours.tracks[0]
    assert track.adjust_time([0, 50000], [0, 25000], inplace=True) is track


@pytest.mark.parametrize(
    ("original", "new"),
    [([0, 10], [0]), ([0], [0]), ([10, 0], [0, 10]), ([0, 10], [10, 0])],
)
def test_adjust_time_bad_maps_raise_value_error(symusic_ref, original, new):
    # symusic checks the maps in place only (its copying Score.adjust_time reads past them);
    # ours checks both ways (docs/differences.md).
    with pytest.raises(ValueError):
        symusic_ref.Score(480).adjust_time(original, new, inplace=True)
    with pytest.raises(ValueError, match="adjust_time"):
        Score(480).adjust_time(original, new, inplace=True)
    with pytest.raises(ValueError, match="adjust_time"):
        Score(480).adjust_time(original, new)
    with pytest.raises(ValueError, match="adjust_time"):
        Track().adjust_time(original, new)


MODES = ["remove", "truncate"]


@pytest.mark.parametrize("path", FILES[::3], ids=lambda p: p.name)
@pytest.mark.parametrize("start_mode", MODES)
@pytest.mark.parametrize("end_mode", MODES)
def test_track_trim_equals_symusics(path, symusic_ref, start_mode, end_mode):
    ours, ref = _pair(path, symusic_ref)
    end = ref.end()
    windows = [(0, end), (end // 4, end // 2), (end // 3 + 7, end // 3 + 500), (end, end + 10)]
    for i, (track, ref_track) in enumerate(zip(ours.tracks, ref.tracks, strict=True)):
        for start, stop in windows:
            for min_overlap in (0, 1, 60):
                what = f"{path.name} track {i} [{start}, {stop}) {min_overlap}"
                got = track.trim(start, stop, min_overlap, start_mode, end_mode)
                want = ref_track.trim(start, stop, min_overlap, start_mode, end_mode)
                assert Track._from_symusic_state(want.__getstate__()) == got, what


def test_track_trim_inplace_and_unknown_mode(symusic_ref):
    ours, ref = _pair(FILES[0], symusic_ref)
    track, ref_track = ours.tracks[0], ref.tracks[0]
    assert track.trim(0, 2000, inplace=True) is track
    ref_track.trim(0, 2000, inplace=True)
    assert Track._from_symusic_state(ref_track.__getstate__()) == track
    # A mode other than "remove" / "truncate" filters by overlap and cuts nothing, as symusic.
    got = track.trim(100, 900, 10, "keep", "keep")
    want = ref_track.trim(100, 900, 10, "keep", "keep")
    assert Track._from_symusic_state(want.__getstate__()) == got


def test_ttype_is_symusics_tick(symusic_ref):
    assert type(Score(480).ttype) is type(symusic_ref.Score(480).ttype)
    assert type(Track().ttype) is type(symusic_ref.Track().ttype)
