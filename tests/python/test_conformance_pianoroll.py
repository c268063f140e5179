"""Conformance of Score.pianoroll / Track.pianoroll with symusic 0.6.0: the same shape, dtype and
values on every corpus MIDI file, for every mode, pitch range and velocity encoding."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import corpus_files

import miditok_cpp

MIDI_FILES = [p for folder in ("one_track", "multitrack") for p in corpus_files(folder)]
OPTIONS = [
    {},
    {"modes": ["onset", "frame", "offset"], "encode_velocity": True},
    {"modes": ("offset",), "pitch_range": (21, 109)},
    {"modes": ["frame", "frame"], "pitch_range": (60, 61), "encode_velocity": True},
]


def _assert_equal(ref, ours, what):
    assert isinstance(ours, np.ndarray), what
    assert (ours.shape, ours.dtype) == (ref.shape, ref.dtype), what
    assert ours.flags.c_contiguous and ours.flags.writeable, what
    if not np.array_equal(ours, ref):
        first = tuple(int(i) for i in np.argwhere(ours != ref)[0])
        pytest.fail(
            f"{what}: first difference at {first}: symusic {ref[first]}, ours {ours[first]}"
        )


@pytest.mark.parametrize("path", MIDI_FILES, ids=lambda p: p.name)
def test_every_option_on_the_corpus(path, corpus, symusic_ref):
    # Resampled to 16 ticks per quarter (by symusic, both sides get the same score) so that the
    # arrays stay small: the full corpus at its resolution would take gigabytes per mode.
    ref = symusic_ref.Score(str(path)).resample(16, min_dur=0)
    ours = miditok_cpp.Score.from_symusic(ref)
    for kw in OPTIONS:
        _assert_equal(ref.pianoroll(**kw), ours.pianoroll(**kw), f"{path.name} Score {kw}")
        for i, (tr, to) in enumerate(zip(ref.tracks, ours.tracks, strict=True)):
            _assert_equal(tr.pianoroll(**kw), to.pianoroll(**kw), f"{path.name} track {i} {kw}")


@pytest.mark.parametrize(
    "path", [p for p in MIDI_FILES if "POP909" in p.name], ids=lambda p: p.name
)
def test_native_resolution_from_the_file(path, corpus, symusic_ref):
    ref, ours = symusic_ref.Score(str(path)), miditok_cpp.Score(path)
    kw = {"modes": ["frame", "onset", "offset"], "encode_velocity": True}
    _assert_equal(ref.pianoroll(**kw), ours.pianoroll(**kw), path.name)


def _both(symusic_ref, notes, **extra):
    ref = symusic_ref.Score(480)
    track = symusic_ref.Track("t", 0, False)
    for n in notes:
        track.notes.append(symusic_ref.Note(*n))
    ref.tracks.append(track)
    ref.tracks.append(symusic_ref.Track("empty", 1, False))
    for name, event in extra.items():
        getattr(ref, name).append(event)
    return ref, miditok_cpp.Score.from_symusic(ref)


def test_edge_cases(symusic_ref):
    s = symusic_ref
    cases = [
        [(12, 5, 60, 50), (10, 5, 60, 100)],  # overlapping: the later note in the list wins
        [(10, 5, 60, 100), (11, 2, 60, 50)],
        [(3, 0, 62, 70), (0, 2, 127, 0)],  # zero duration, velocity 0, the top pitch
        [],
    ]
    for notes in cases:
        ref, ours = _both(s, notes)
        for kw in [*OPTIONS, {"encode_velocity": False, "modes": ["offset", "onset"]}]:
            _assert_equal(ref.pianoroll(**kw), ours.pianoroll(**kw), f"{notes} {kw}")
    # The end (number of columns) counts every event, as symusic's Score.end().
    for extra in [
        {"time_signatures": s.TimeSignature(100, 3, 4)},
        {"tempos": s.Tempo(90, 120)},
        {"markers": s.TextMeta(70, "m")},
        {"key_signatures": s.KeySignature(50, 1, 0)},
    ]:
        ref, ours = _both(s, [(1, 2, 60, 9)], **extra)
        _assert_equal(ref.pianoroll(), ours.pianoroll(), str(extra))
    _assert_equal(s.Score(96).pianoroll(), miditok_cpp.Score(96).pianoroll(), "empty score")


def test_bad_arguments_raise_as_symusic(symusic_ref):
    ref, ours = _both(symusic_ref, [(0, 4, 60, 90)])
    for kw in [
        {"modes": ["frames"]},
        {"pitch_range": (70, 60)},
        {"pitch_range": (0, 129)},
        {"pitch_range": (-1, 10)},
        {"pitch_range": (5, 5)},
    ]:
        with pytest.raises(ValueError):
            ref.pianoroll(**kw)
        with pytest.raises(ValueError):
            ours.pianoroll(**kw)
    with pytest.raises(TypeError):
        ours.pianoroll("onset")  # a sequence of names, not one name (symusic: TypeError too)


def test_negative_times_are_clipped():
    """symusic writes outside its buffer for notes before tick 0 (undefined behaviour, often a
    crash); we leave the ticks before 0 out (docs/differences.md)."""
    score = miditok_cpp.Score(480)
    track = miditok_cpp.Track()
    track.notes.append(miditok_cpp.Note(-5, 10, 60, 100))
    track.notes.append(miditok_cpp.Note(2, -4, 61, 7))
    score.tracks.append(track)
    roll = score.pianoroll(["frame", "onset", "offset"], (60, 62), True)
    assert roll.shape == (3, 1, 2, 6)
    assert roll[0, 0, 0].tolist() == [100, 100, 100, 100, 100, 0]  # frame [-5, 5) from 0
    assert roll[1, 0, 0].tolist() == [0] * 6  # onset at -5: left out
    assert roll[2, 0, 0].tolist() == [0, 0, 0, 0, 0, 100]
    assert roll[:, 0, 1].tolist() == [[0] * 6, [0, 0, 7, 0, 0, 0], [0] * 6]  # ends at -2


def test_the_array_outlives_the_score():
    score = miditok_cpp.Score(480)
    track = miditok_cpp.Track()
    track.notes.append(miditok_cpp.Note(0, 3, 60, 100))
    score.tracks.append(track)
    roll = score.pianoroll(["frame"])
    del score, track
    roll[0, 0, 61, 0] = 5  # ours to write to, as symusic's
    assert roll[0, 0, 60].tolist() == [1, 1, 1, 0] and roll.sum() == 8


def test_huge_roll_is_a_config_error():
    score = miditok_cpp.Score(480)
    track = miditok_cpp.Track()
    track.notes.append(miditok_cpp.Note(2**31 - 10, 5, 60, 100))
    score.tracks.append(track)
    with pytest.raises(miditok_cpp.ConfigError, match="resample"):
        score.pianoroll()
