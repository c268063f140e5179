"""Attribute controls vs MidiTok 3.1.0 on every corpus track, with the same symusic tracks and bars.

Ours must equal MidiTok's values except where MidiTok is wrong (each checked here against an
independent numpy computation): ACTrackOnsetPolyphonyMin is the real minimum, the ThirtySecond
duration events exist, bar-level controls are computed on every bar holding notes (MidiTok skips
bars with exactly one note) and on a bar's own notes when a subset of bars is asked.
"""

from __future__ import annotations

import random

import numpy as np
import pytest
from conftest import corpus_files

import miditok_cpp.attribute_controls as ours

FILES = corpus_files("one_track") + corpus_files("multitrack")
FACTORS = (4, 2, 1, 0.5, 0.25, 0.125)


def _scores(path, miditok_ref, symusic_ref):
    """The raw score (notes sorted by time) and MidiTok's preprocessed score (REMI defaults)."""
    raw = symusic_ref.Score(path)
    for t in raw.tracks:
        t.notes.sort(key=lambda n: n.time)
    tok = miditok_ref.REMI(miditok_ref.TokenizerConfig(use_programs=True))
    return {"raw": raw, "preprocessed": tok.preprocess_score(symusic_ref.Score(path))}


def _grid(score, miditok_ref):
    bars = miditok_ref.utils.get_bars_ticks(score, only_notes_onsets=True)
    beats = miditok_ref.utils.get_beats_ticks(score, only_notes_onsets=True)
    return bars, beats


def _pairs(miditok_ref):
    acs = miditok_ref.attribute_controls
    return [
        (acs.TrackOnsetPolyphony(1, 6), ours.TrackOnsetPolyphony(1, 6)),
        (acs.TrackNoteDensity(0, 18), ours.TrackNoteDensity(0, 18)),
        (acs.TrackNoteDuration(), ours.TrackNoteDuration()),
        (acs.TrackRepetition(10, 4, (21, 109)), ours.TrackRepetition(10, 4, (21, 109))),
        (acs.BarOnsetPolyphony(1, 6), ours.BarOnsetPolyphony(1, 6)),
        (acs.BarPitchClass(), ours.BarPitchClass()),
        (acs.BarNoteDensity(18), ours.BarNoteDensity(18)),
        (acs.BarNoteDuration(), ours.BarNoteDuration()),
    ]


def _strs(events):
    return [(str(e.type_), str(e.value), int(e.time)) for e in events]


def _first_diff(a, b):
    for i, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return f"item {i}: ours {x} vs miditok {y}"
    return f"lengths {len(a)} vs {len(b)}: tails {a[len(b) :][:3]} / {b[len(a) :][:3]}"


def _bar_slices(track, bars):
    """(bar index, notes SoA) of each bar holding notes, sliced on onsets as MidiTok intends."""
    soa = track.notes.numpy()
    times = soa["time"]
    n_track_bars = int(np.searchsorted(np.asarray(bars), times[-1], side="right"))
    for b in range(n_track_bars):
        lo = bars[b] if b > 0 else np.iinfo(np.int64).min
        hi = bars[b + 1] if b < n_track_bars - 1 else np.iinfo(np.int64).max
        mask = (times >= lo) & (times < hi)
        if mask.any():
            yield b, {k: v[mask] for k, v in soa.items()}


def _durations_expected(prefix, durations, tpq, time):
    return [
        (f"{prefix}{name}", "1" if tpq * f in set(durations.tolist()) else "0", time)
        for name, f in zip(
            ("Whole", "Half", "Quarter", "Eight", "Sixteenth", "ThirtySecond"),
            FACTORS,
            strict=False,
        )
    ]


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_attribute_controls_match_miditok(path, corpus, miditok_ref, symusic_ref):
    for mode, score in _scores(path, miditok_ref, symusic_ref).items():
        bars, beats = _grid(score, miditok_ref)
        tpq = score.ticks_per_quarter
        all_bars = list(range(len(bars)))
        for ti, track in enumerate(score.tracks):
            if len(track.notes) == 0:
                continue
            where = f"{path.name} [{mode}] track {ti}"
            for ref_ac, our_ac in _pairs(miditok_ref):
                name = type(ref_ac).__name__
                ours_ev = _strs(our_ac.compute(track, tpq, bars, beats, all_bars))
                if isinstance(ref_ac, miditok_ref.attribute_controls.BarAttributeControl):
                    # Per bar: MidiTok's own per-bar function on the bar's notes.
                    expected = []
                    for b, soa in _bar_slices(track, bars):
                        ev = ref_ac._compute_on_bar(soa, None, None, tpq)
                        got = [(str(e.type_), str(e.value), int(bars[b])) for e in ev]
                        if name == "BarNoteDuration":
                            got = _durations_expected(
                                "ACBarNoteDuration", soa["duration"], tpq, int(bars[b])
                            )
                        expected += got
                    assert ours_ev == expected, f"{name} {where}: {_first_diff(ours_ev, expected)}"
                    # And MidiTok's whole-track compute, minus the bars it skips (1 note).
                    ref_ev = _strs(ref_ac.compute(track, tpq, bars, beats, all_bars))
                    single = {
                        int(bars[b]) for b, soa in _bar_slices(track, bars) if len(soa["time"]) == 1
                    }
                    last_bar = max(int(bars[b]) for b, _ in _bar_slices(track, bars))
                    kept = [
                        e
                        for e in ours_ev
                        if (e[2] not in single or e[2] == last_bar)
                        and not e[0].endswith("ThirtySecond")
                    ]
                    assert kept == ref_ev, f"{name} {where} (all bars): {_first_diff(kept, ref_ev)}"
                    continue
                ref_ev = _strs(ref_ac.compute(track, tpq, bars, beats, all_bars))
                if name == "TrackOnsetPolyphony":
                    _, counts = np.unique(track.notes.numpy()["time"], return_counts=True)
                    assert ours_ev[1] == ref_ev[1], f"{name} Max {where}"
                    assert ours_ev[0] == (
                        "ACTrackOnsetPolyphonyMin",
                        str(min(max(counts.min(), 1), 6)),
                        -1,
                    ), where
                elif name == "TrackNoteDuration":
                    assert ours_ev[:5] == ref_ev, f"{name} {where}: {_first_diff(ours_ev, ref_ev)}"
                    durs = track.notes.numpy()["duration"]
                    assert ours_ev == _durations_expected("ACTrackNoteDuration", durs, tpq, -1), (
                        where
                    )
                else:
                    assert ours_ev == ref_ev, f"{name} {where}: {_first_diff(ours_ev, ref_ev)}"


def test_bar_subset_counts_only_its_own_bars(corpus, miditok_ref, symusic_ref):
    """MidiTok bug #19: a random subset of bars also counts the notes of the skipped bars."""
    path = corpus_files("one_track")[2]
    score = _scores(path, miditok_ref, symusic_ref)["preprocessed"]
    bars, beats = _grid(score, miditok_ref)
    track = score.tracks[0]
    slices = dict(_bar_slices(track, bars))
    rng = random.Random(0)
    subset = sorted(rng.sample(sorted(slices), k=max(2, len(slices) // 3)))
    ev = ours.BarNoteDensity(1000).compute(track, score.ticks_per_quarter, bars, beats, subset)
    assert [(int(e.time), int(e.value)) for e in ev] == [
        (int(bars[b]), len(slices[b]["time"])) for b in subset
    ]
    ref = miditok_ref.attribute_controls.BarNoteDensity(1000).compute(
        track, score.ticks_per_quarter, bars, beats, subset
    )
    assert sum(int(e.value) for e in ref) > sum(int(e.value) for e in ev), (
        "MidiTok bug #19 no longer shows"
    )


def test_empty_track_gives_no_events(miditok_ref, symusic_ref):
    """MidiTok raises (IndexError / ValueError) on a track without notes; ours returns no events."""
    track = symusic_ref.Track()
    for ref_ac, our_ac in _pairs(miditok_ref):
        if type(ref_ac).__name__ in ("TrackNoteDensity", "TrackNoteDuration", "TrackRepetition"):
            continue  # MidiTok handles these
        with pytest.raises((IndexError, ValueError)):
            ref_ac.compute(track, 480, [0, 1920], [], [0, 1])
        assert our_ac.compute(track, 480, [0, 1920], [], [0, 1]) == []


def test_tokens_match_miditok(miditok_ref):
    for ref_ac, our_ac in _pairs(miditok_ref):
        assert list(our_ac.tokens) == list(ref_ac.tokens), type(ref_ac).__name__
    acs = miditok_ref.attribute_controls
    assert list(ours.TrackRepetition(7, 2, (0, 128)).tokens) == list(
        acs.TrackRepetition(7, 2, (0, 128)).tokens
    )
    assert list(ours.BarNoteDensity(3).tokens) == list(acs.BarNoteDensity(3).tokens)
    assert list(ours.TrackNoteDensity(2, 5).tokens) == list(acs.TrackNoteDensity(2, 5).tokens)


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_our_reader_and_grid_give_the_same_controls(path, corpus, miditok_ref, symusic_ref):
    """End to end on our side: our reader's Score and our bar grid give the controls computed on
    symusic's tracks with MidiTok's grid (themselves checked against MidiTok above)."""
    import miditok_cpp
    from miditok_cpp import utils

    ours_score = miditok_cpp.Score.from_file(path)
    sym = symusic_ref.Score(path)
    bars = [int(b) for b in utils.get_bars_ticks(ours_score, only_notes_onsets=True)]
    beats = [int(b) for b in utils.get_beats_ticks(ours_score, only_notes_onsets=True)]
    assert bars == list(miditok_ref.utils.get_bars_ticks(sym, only_notes_onsets=True)), path.name
    all_bars = list(range(len(bars)))
    for ti, (t_ours, t_sym) in enumerate(zip(ours_score.tracks, sym.tracks, strict=True)):
        for _, our_ac in _pairs(miditok_ref):
            a = _strs(our_ac.compute(t_ours, sym.ticks_per_quarter, bars, beats, all_bars))
            b = _strs(our_ac.compute(t_sym, sym.ticks_per_quarter, bars, beats, all_bars))
            assert a == b, f"{our_ac.name} {path.name} track {ti}: {_first_diff(a, b)}"
