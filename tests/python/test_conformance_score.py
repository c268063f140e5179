"""Conformance of the Score operations with symusic 0.6.0 on every corpus MIDI file: resample,
clip, shift_time/pitch/velocity, sort, start/end/note_num/empty, and the tick <-> quarter/second
conversions through the tempo map."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import corpus_files
from midi_compare import assert_same_score

import miditok_cpp

MIDI_FILES = [p for folder in ("one_track", "multitrack") for p in corpus_files(folder)]


def _pair(path, symusic_ref):
    return symusic_ref.Score(str(path)), miditok_cpp.Score(path)


@pytest.mark.parametrize("path", MIDI_FILES, ids=lambda p: p.name)
def test_queries(path, corpus, symusic_ref):
    ref, ours = _pair(path, symusic_ref)
    assert (ours.start(), ours.end(), ours.note_num(), ours.empty()) == (
        ref.start(),
        ref.end(),
        ref.note_num(),
        ref.empty(),
    ), path.name
    for i, (ta, tb) in enumerate(zip(ref.tracks, ours.tracks, strict=True)):
        assert (tb.start(), tb.end(), tb.empty(), tb.note_num()) == (
            ta.start(),
            ta.end(),
            ta.empty(),
            ta.note_num(),
        ), f"{path.name} track {i}"


@pytest.mark.parametrize("path", MIDI_FILES, ids=lambda p: p.name)
@pytest.mark.parametrize(("tpq", "min_dur"), [(480, None), (96, 1), (7, 0), (1000, 3), (8, 1)])
def test_resample(path, tpq, min_dur, corpus, symusic_ref):
    ref, ours = _pair(path, symusic_ref)
    assert_same_score(
        ref.resample(tpq, min_dur), ours.resample(tpq, min_dur), f"{path.name} {tpq} {min_dur}"
    )


@pytest.mark.parametrize("path", MIDI_FILES, ids=lambda p: p.name)
def test_clip(path, corpus, symusic_ref):
    ref, ours = _pair(path, symusic_ref)
    end = ref.end()
    tempo_times = [t.time for t in ref.tempos] + [0]
    windows = [
        (0, end // 2, False),
        (end // 3, 2 * end // 3, True),
        (end // 4, end + 1, False),
        (tempo_times[len(tempo_times) // 2], end, True),
        (-5, 10, False),
    ]
    for start, stop, clip_end in windows:
        assert_same_score(
            ref.clip(start, stop, clip_end),
            ours.clip(start, stop, clip_end),
            f"{path.name} clip({start}, {stop}, {clip_end})",
        )
    ours.clip(0, end // 2, inplace=True)
    assert_same_score(ref.clip(0, end // 2), ours, f"{path.name} clip inplace")


@pytest.mark.parametrize("path", MIDI_FILES, ids=lambda p: p.name)
def test_shifts_and_sort(path, corpus, symusic_ref):
    ref, ours = _pair(path, symusic_ref)
    assert_same_score(ref.shift_time(37), ours.shift_time(37), f"{path.name} shift_time")
    for offset in (-3, 5, -40, 60):
        for name in ("shift_pitch", "shift_velocity"):
            try:
                expected = getattr(ref, name)(offset)
            except (ValueError, RuntimeError, OverflowError):
                with pytest.raises(ValueError):
                    getattr(ours, name)(offset)
                continue
            assert_same_score(
                expected, getattr(ours, name)(offset), f"{path.name} {name}({offset})"
            )
    for reverse in (False, True):
        assert_same_score(
            ref.sort(reverse, inplace=False),
            ours.sort(reverse, inplace=False),
            f"{path.name} sort(reverse={reverse})",
        )
    ours.sort()
    ref.sort()
    assert_same_score(ref, ours, f"{path.name} sort inplace")


def _times(events):
    return np.array([e.time for e in events], dtype=np.int32)


@pytest.mark.parametrize("path", MIDI_FILES, ids=lambda p: p.name)
def test_time_conversions(path, corpus, symusic_ref):
    ref, ours = _pair(path, symusic_ref)
    sec = ref.to("second")
    qua = ref.to("quarter")
    np.testing.assert_array_equal(
        ours.ticks_to_seconds(_times(ours.tempos)), np.array([t.time for t in sec.tempos], "f4")
    )
    for i, (track, t_sec, t_qua) in enumerate(
        zip(ours.tracks, sec.tracks, qua.tracks, strict=True)
    ):
        if not len(track.notes):
            continue
        cols = track.notes.numpy()
        start = ours.ticks_to_seconds(cols["time"])
        end = ours.ticks_to_seconds(cols["time"] + cols["duration"])
        ref_sec = t_sec.notes.numpy()
        np.testing.assert_array_equal(start, ref_sec["time"], err_msg=f"{path.name} track {i}")
        np.testing.assert_array_equal(
            np.maximum(end - start, np.float32(0)), ref_sec["duration"], err_msg=f"{path.name}"
        )
        ref_qua = t_qua.notes.numpy()
        np.testing.assert_array_equal(ours.ticks_to_quarters(cols["time"]), ref_qua["time"])
        back = sec.to("tick")
        np.testing.assert_array_equal(
            ours.seconds_to_ticks(ref_sec["time"]),
            back.tracks[i].notes.numpy()["time"],
            err_msg=f"{path.name} track {i} seconds -> ticks",
        )
        np.testing.assert_array_equal(
            ours.quarters_to_ticks(ref_qua["time"]), qua.to("tick").tracks[i].notes.numpy()["time"]
        )


def test_list_sort_and_filter(corpus, symusic_ref):
    path = corpus / "multitrack" / "Funkytown.mid"
    ref, ours = _pair(path, symusic_ref)
    for ta, tb in zip(ref.tracks, ours.tracks, strict=True):
        for reverse in (False, True):
            a = ta.notes.sort(key=lambda n: (n.pitch, n.time), reverse=reverse, inplace=False)
            b = tb.notes.sort(key=lambda n: (n.pitch, n.time), reverse=reverse, inplace=False)
            assert [(n.time, n.pitch) for n in a] == [(n.time, n.pitch) for n in b]
            a = ta.notes.sort(key=lambda n: n.pitch, reverse=reverse, inplace=False)
            b = tb.notes.sort(key=lambda n: n.pitch, reverse=reverse, inplace=False)
            assert [(n.time, n.pitch) for n in a] == [(n.time, n.pitch) for n in b]
        kept = tb.notes.filter(lambda n: n.pitch > 60, inplace=False)
        assert len(kept) == len(ta.notes.filter(lambda n: n.pitch > 60, inplace=False))


def test_resample_rejects_bad_arguments(corpus):
    score = miditok_cpp.Score(corpus / "one_track" / "Maestro_1.mid")
    with pytest.raises(miditok_cpp.ConfigError, match="tpq"):
        score.resample(0)
    with pytest.raises(ValueError, match="min_dur"):
        score.resample(480, -1)


def test_track_list_sort_matches_symusic(corpus, symusic_ref):
    for path in corpus_files("multitrack"):
        ref, ours = _pair(path, symusic_ref)
        for reverse in (False, True):
            ref.tracks.sort(reverse=reverse)
            ours.tracks.sort(reverse=reverse)
            assert [(t.name, t.program) for t in ours.tracks] == [
                (t.name, t.program) for t in ref.tracks
            ], path.name
        ref.tracks.sort(key=lambda t: t.program)
        ours.tracks.sort(key=lambda t: t.program)
        assert_same_score(ref, ours, f"{path.name} tracks sorted by program")
