"""miditok_cpp.attribute_controls: MidiTok's names, event values and the seeded random indexes."""

from __future__ import annotations

import random

import pytest

import miditok_cpp.attribute_controls as ac

symusic = pytest.importorskip("symusic")


def _score():
    score = symusic.Score(480)
    for program in (0, 33):
        track = symusic.Track(program=program)
        for i in range(16):
            track.notes.append(symusic.Note(i * 480, 240, 60 + (i % 4), 90))
            if i % 4 == 0:
                track.notes.append(symusic.Note(i * 480, 480, 64, 90))
        track.notes.sort(key=lambda n: n.time)
        score.tracks.append(track)
    return score


BARS = [0, 1920, 3840, 5760]


def test_classes_and_values():
    track = _score().tracks[0]
    ev = ac.TrackOnsetPolyphony(1, 6).compute(track, 480, BARS, [], None)
    assert [str(e) for e in ev] == ["ACTrackOnsetPolyphonyMin_1", "ACTrackOnsetPolyphonyMax_2"]
    assert ev[0].time == -1 and isinstance(ev[0].value, int)
    dens = ac.BarNoteDensity(4).compute(track, 480, BARS, [], [0, 2])
    assert [(str(e), e.time) for e in dens] == [
        ("ACBarNoteDensity_4+", 0),
        ("ACBarNoteDensity_4+", 3840),
    ]
    assert isinstance(ac.BarPitchClass(), ac.BarAttributeControl)
    assert not isinstance(ac.TrackRepetition(10, 4, (21, 109)), ac.BarAttributeControl)
    rep = ac.TrackRepetition(10, 4, (21, 109)).compute(track, 480, BARS, [], None)
    assert [str(e) for e in rep] == ["ACTrackRepetition_1.00"]


def test_random_indexes_are_reproducible():
    score = _score()
    acs = [
        ac.TrackNoteDuration(),
        ac.BarPitchClass(),
        ac.TrackOnsetPolyphony(1, 6),
        ac.BarNoteDensity(18),
    ]
    a = ac.create_random_ac_indexes(score, acs, (0.0, 1.0), (0.2, 1.0), seed=3, ticks_bars=BARS)
    b = ac.create_random_ac_indexes(score, acs, (0.0, 1.0), (0.2, 1.0), seed=3, ticks_bars=BARS)
    assert a == b
    assert set(a) == {0, 1}
    for track_idx in a.values():
        for ac_idx, value in track_idx.items():
            if acs[ac_idx].is_bar_level:
                assert value == sorted(set(value)) and all(0 <= v < 4 for v in value)
            else:
                assert value is True
    # Without a seed, Python's random drives the draw, so random.seed() makes it reproducible.
    random.seed(5)
    c = ac.create_random_ac_indexes(score, acs, 1.0, 1.0, ticks_bars=BARS)
    random.seed(5)
    assert c == ac.create_random_ac_indexes(score, acs, 1.0, 1.0, ticks_bars=BARS)
    assert c[0] == {0: True, 2: True, 1: [0, 1, 2, 3], 3: [0, 1, 2, 3]} or set(c[0]) == {0, 1, 2, 3}
    assert ac.create_random_ac_indexes(score, acs, None, None, ticks_bars=BARS) == {0: {}, 1: {}}


def test_our_score_and_symusic_score_agree():
    import miditok_cpp

    sym = _score()
    ours = miditok_cpp.Score.from_symusic(sym)
    for our_ac in (
        ac.BarPitchClass(),
        ac.TrackNoteDensity(0, 18),
        ac.TrackRepetition(10, 4, (21, 109)),
    ):
        a = our_ac.compute(ours.tracks[1], 480, BARS, [], None)
        b = our_ac.compute(sym.tracks[1], 480, BARS, [], None)
        assert [(str(e), e.time) for e in a] == [(str(e), e.time) for e in b]
    acs = [ac.TrackNoteDuration(), ac.BarNoteDensity(18)]
    # Without ticks_bars, the bars come from the score (only note onsets): 16 quarters = 4 bars.
    got = ac.create_random_ac_indexes(sym, acs, 1.0, 1.0, seed=0)
    assert got == ac.create_random_ac_indexes(ours, acs, 1.0, 1.0, seed=0)
    assert got[0] == {0: True, 1: [0, 1, 2, 3]}


def test_controls_are_miditoks_classes_everywhere():
    """The tokenizer's controls (built in C++ from its config, or added) are instances of the
    classes of MidiTok's modules, pickle by their parameters and compute alike."""
    import pickle

    import miditok_cpp
    from miditok_cpp.attribute_controls import bar_attribute_controls, track_attribute_controls

    config = miditok_cpp.TokenizerConfig(
        use_programs=True,
        one_token_stream_for_programs=False,
        ac_polyphony_track=True,
        ac_pitch_class_bar=True,
        ac_note_density_track=True,
        ac_note_density_bar=True,
        ac_note_duration_bar=True,
        ac_note_duration_track=True,
        ac_repetition_track=True,
        ac_polyphony_bar=True,
    )
    tokenizer = miditok_cpp.REMI(config)
    added = ac.TrackRepetition(5, 2, (30, 90))
    tokenizer.add_attribute_control(added)
    controls = tokenizer.attribute_controls
    assert len(controls) == 9 and controls[-1] is added
    modules = {bar_attribute_controls.__name__, track_attribute_controls.__name__}
    track = _score().tracks[0]
    for control in controls:
        assert type(control).__module__ in modules
        assert isinstance(control, ac.AttributeControl)
        assert isinstance(control, ac.BarAttributeControl) == control.is_bar_level
        again = pickle.loads(pickle.dumps(control))
        assert type(again) is type(control) and list(again.tokens) == list(control.tokens)
        assert [str(e) for e in again.compute(track, 480, BARS, [], None)] == [
            str(e) for e in control.compute(track, 480, BARS, [], None)
        ]
    assert added.pitch_range == (30, 90)
    # The tokenizer pickles and compares as before; its controls come back as the same classes.
    back = pickle.loads(pickle.dumps(tokenizer))
    assert [type(c) for c in back.attribute_controls[:8]] == [type(c) for c in controls[:8]]
