"""Conformance of miditok_cpp.utils and the preprocessing blocks with miditok 3.1.0.

Every corpus file goes through miditok.utils and MusicTokenizer's private preprocessing helpers
side by side with ours. The scores fed to both sides are the same (ours converted from symusic),
so any difference comes from the preprocessing code. Blocks are also checked on synthetic inputs
the corpus rarely exercises. Whole preprocess_score: test_conformance_preprocess.py.
"""

from __future__ import annotations

import numpy as np
import pytest
from preprocess_conformance import (
    FILES,
    IDS,
    TRACK_FIELDS,
    NoteList,
    assert_scores_equal,
    event_tuples,
    first_diff,
    load_pair,
    tokenizer_for,
)

from miditok_cpp import Score, Track
from miditok_cpp import utils as ours_utils
from miditok_cpp._core import preprocess as pp

# ------------------------------------------------------------------------------------------------
# miditok.utils, file by file
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_time_grid(path, corpus, miditok_ref, symusic_ref):
    mu = miditok_ref.utils
    sym, ours = load_pair(symusic_ref, path)
    assert pp.score_end(ours) == sym.end(), path.name
    for only in (False, True):
        assert ours_utils.get_bars_ticks(ours, only) == mu.get_bars_ticks(sym, only), path.name
        assert ours_utils.get_beats_ticks(ours, only) == mu.get_beats_ticks(sym, only), path.name
    for indep in (False, True):
        assert ours_utils.get_num_notes_per_bar(ours, indep) == mu.get_num_notes_per_bar(
            sym, indep
        ), f"{path.name} tracks_indep={indep}"
    if len(sym.time_signatures) > 0:
        np.testing.assert_array_equal(
            ours_utils.get_score_ticks_per_beat(ours), mu.get_score_ticks_per_beat(sym)
        )
    assert ours_utils.get_score_programs(ours) == mu.get_score_programs(sym)
    for den in (1, 2, 4, 8, 16):
        assert ours_utils.compute_ticks_per_beat(den, sym.tpq) == mu.compute_ticks_per_beat(
            den, sym.tpq
        )
    for ts in sym.time_signatures:
        if ts.denominator > 0:
            assert ours_utils.compute_ticks_per_bar(ts, sym.tpq) == mu.compute_ticks_per_bar(
                ts, sym.tpq
            )
    for ta, tb in zip(ours.tracks, sym.tracks, strict=True):
        for flags in [(False, False, False), (True, True, True), (False, True, False)]:
            assert ours_utils.is_track_empty(ta, *flags) == mu.is_track_empty(tb, *flags)


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_note_helpers(path, corpus, miditok_ref, symusic_ref):
    mu = miditok_ref.utils
    sym, _ = load_pair(symusic_ref, path)
    for ti, track in enumerate(sym.tracks):
        for consider_duration in (False, True):
            ref = track.notes.copy()
            ref.sort(key=lambda n: (n.time, n.pitch, n.duration))
            ours = Score.from_symusic(sym).tracks[ti].notes
            ours_sorted = type(ours).from_numpy(**ref.numpy())
            mu.remove_duplicated_notes(ref, consider_duration)
            ours_utils.remove_duplicated_notes(ours_sorted, consider_duration)
            a = event_tuples(ours_sorted, TRACK_FIELDS["notes"])
            b = event_tuples(ref, TRACK_FIELDS["notes"])
            assert a == b, f"{path.name} track {ti}: {first_diff(a, b)}"
        ref = track.notes.copy()
        ref.sort(key=lambda n: (n.time, n.pitch, n.end))
        ours_notes = NoteList.from_numpy(**ref.numpy())
        mu.fix_offsets_overlapping_notes(ref)
        ours_utils.fix_offsets_overlapping_notes(ours_notes)
        a = event_tuples(ours_notes, TRACK_FIELDS["notes"])
        b = event_tuples(ref, TRACK_FIELDS["notes"])
        assert a == b, f"{path.name} track {ti} fix_offsets: {first_diff(a, b)}"


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_merges(path, corpus, miditok_ref, symusic_ref):
    mu = miditok_ref.utils
    sym, ours = load_pair(symusic_ref, path)

    ref = sym.copy()
    mu.merge_same_program_tracks(ref.tracks)
    mine = ours.copy()
    ours_utils.merge_same_program_tracks(mine.tracks)
    assert_scores_equal(mine, ref, f"{path.name} merge_same_program_tracks")

    if len(sym.tracks) > 0:
        ref = sym.copy()
        mu.merge_tracks(ref)
        mine = ours.copy()
        ours_utils.merge_tracks(mine)
        assert_scores_equal(mine, ref, f"{path.name} merge_tracks")

    # Drum pitches are filtered differently on purpose (see test_drum_pitch_filter_is_inclusive).
    for kwargs in [
        {"classes_to_merge": list(range(16)), "filter_pitches": False},
        {"classes_to_merge": [0, 3, 4], "new_program_per_class": {0: 3, 3: 30, 4: 33}},
        {"valid_programs": list(range(0, 128, 2)), "filter_pitches": False},
    ]:
        ref = sym.copy()
        mine = ours.copy()
        mu.merge_tracks_per_class(ref, **kwargs)
        ours_utils.merge_tracks_per_class(mine, **kwargs)
        if kwargs.get("filter_pitches", True):
            # compare only non-drum tracks' notes when filtering (drum filter differs)
            for t in list(ref.tracks) + list(mine.tracks):
                if t.is_drum:
                    t.notes = type(t.notes)()
        assert_scores_equal(mine, ref, f"{path.name} merge_tracks_per_class {kwargs}")

    assert_scores_equal(
        ours_utils.merge_scores([ours, ours]), mu.merge_scores([sym, sym]), f"{path.name} merge"
    )
    end = sym.end()
    ref_concat = mu.concat_scores([sym.copy(), sym.copy()], [end])
    assert_scores_equal(
        ours_utils.concat_scores([ours, ours], [end]), ref_concat, f"{path.name} concat"
    )
    # A symusic input gives the same result.
    assert_scores_equal(
        ours_utils.concat_scores([sym, sym], [end]), ref_concat, f"{path.name} concat symusic"
    )


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_detect_chords(path, corpus, miditok_ref, symusic_ref):
    mu = miditok_ref.utils
    constants = miditok_ref.constants
    sym, _ = load_pair(symusic_ref, path)
    tok = tokenizer_for(miditok_ref, "tests_all")
    pre = tok.preprocess_score(sym)
    if len(pre.time_signatures) == 0:
        return
    tpb = mu.get_score_ticks_per_beat(pre)
    params = [
        {},
        {"specify_root_note": False, "beat_res": 8, "onset_offset": 2},
        {"unknown_chords_num_notes_range": (3, 6), "simul_notes_limit": 20},
    ]
    for ti, track in enumerate(pre.tracks):
        notes = track.notes.copy()
        notes.sort(key=lambda n: (n.time, n.pitch))
        ours_notes = NoteList.from_numpy(**notes.numpy())
        for kw in params:
            ref = mu.detect_chords(notes, tpb, constants.CHORD_MAPS, **kw)
            mine = ours_utils.detect_chords(ours_notes, tpb, constants.CHORD_MAPS, **kw)
            a = [(e.type_, e.time, e.value, e.program, e.desc) for e in mine]
            b = [(e.type_, int(e.time), e.value, e.program, e.desc) for e in ref]
            assert a == b, f"{path.name} track {ti} {kw}: {first_diff(a, b)}"


# ------------------------------------------------------------------------------------------------
# Blocks on synthetic inputs that the corpus rarely exercises
# ------------------------------------------------------------------------------------------------


def test_adjust_time_matches_numpy_on_unsorted_input(miditok_ref):
    tok = tokenizer_for(miditok_ref, "default")
    rng = np.random.default_rng(7)
    rf = np.array([[37, 4], [90, 3], [1000, 2]], dtype=np.intc)
    for _ in range(200):
        times = rng.integers(0, 200, size=rng.integers(1, 40)).astype(np.int32)
        if rng.random() < 0.5:
            times.sort()
        for sorted_times in (True, False):
            ref = tok._adjust_time_to_tpb(times.copy(), rf, sorted_times=sorted_times)
            mine = pp.adjust_times(times, rf, sorted_times)
            np.testing.assert_array_equal(mine, ref, err_msg=f"{times.tolist()} {sorted_times}")


def test_closest_bins_match_np_get_closest(miditok_ref):
    closest = miditok_ref.utils.utils.np_get_closest
    rng = np.random.default_rng(3)
    for _ in range(100):
        bins = np.unique(rng.integers(-50, 50, size=rng.integers(1, 12))).astype(np.int32)
        values = rng.integers(-80, 80, size=30).astype(np.int32)
        np.testing.assert_array_equal(pp.snap_to_closest(values, bins), closest(bins, values))
        np.testing.assert_array_equal(
            ours_utils.np_get_closest(bins, values), closest(bins, values)
        )


def test_time_signature_cleanup_random(miditok_ref):
    from symusic import TimeSignature as SymTS
    from symusic.core import TimeSignatureTickList

    from miditok_cpp import TimeSignature

    tok = tokenizer_for(miditok_ref, "tests_all")
    rng = np.random.default_rng(11)
    choices = [(4, 4), (3, 4), (6, 8), (2, 2), (5, 4), (3, 8)]
    for delete_eq in (False, True):
        tok.config.delete_equal_successive_time_sig_changes = delete_eq
        for _ in range(300):
            n = int(rng.integers(0, 7))
            times = np.sort(rng.integers(0, 120, size=n))
            sigs = [choices[int(rng.integers(len(choices)))] for _ in range(n)]
            pairs = list(zip(times.tolist(), sigs, strict=True))
            ref = TimeSignatureTickList([SymTS(t, *s) for t, s in pairs])
            mine = type(Score().time_signatures)([TimeSignature(t, *s) for t, s in pairs])
            if n > 0:
                tok._preprocess_time_signatures(ref, 4)
            else:
                ref.insert(0, SymTS(0, 4, 4))
            pp.preprocess_time_signatures(mine, 4, delete_eq)
            a = [(x.time, x.numerator, x.denominator) for x in mine]
            b = [(x.time, x.numerator, x.denominator) for x in ref]
            assert a == b, f"input {pairs} delete_eq={delete_eq}"


def test_pedal_merge_random(miditok_ref):
    from symusic import Pedal as SymPedal
    from symusic.core import PedalTickList

    from miditok_cpp import Pedal

    tok = tokenizer_for(miditok_ref, "tests_all")
    rng = np.random.default_rng(5)
    for _ in range(300):
        n = int(rng.integers(1, 12))
        times = np.sort(rng.integers(0, 60, size=n))
        durs = rng.integers(0, 25, size=n)
        ref = tok._preprocess_pedals(
            PedalTickList([SymPedal(int(t), int(d)) for t, d in zip(times, durs, strict=True)])
        )
        pairs = list(zip(times.tolist(), durs.tolist(), strict=True))
        mine = type(Track().pedals)([Pedal(t, d) for t, d in pairs])
        pp.preprocess_pedals(mine)
        assert [(p.time, p.duration) for p in mine] == [(p.time, p.duration) for p in ref]


def test_drum_pitch_filter_is_inclusive(miditok_ref, symusic_ref):
    """MidiTok's merge_tracks_per_class tests `pitch in (27, 88)`: drums keep only 27 and 88.

    We keep the GM2 range [27, 88] inclusive, which is what DRUM_PITCH_RANGE means.
    """
    sym = symusic_ref.Score(480)
    drums = symusic_ref.Track("drums", 0, True)
    for p in (27, 36, 42, 88, 90):
        drums.notes.append(symusic_ref.Note(0, 10, p, 100))
    sym.tracks.append(drums)
    ref = sym.copy()
    miditok_ref.utils.merge_tracks_per_class(ref)
    assert [n.pitch for n in ref.tracks[0].notes] == [27, 88]
    mine = Score.from_symusic(sym)
    ours_utils.merge_tracks_per_class(mine)
    assert [n.pitch for n in mine.tracks[0].notes] == [27, 36, 42, 88]


def test_max_tracks_per_class_is_applied(miditok_ref, symusic_ref):
    """MidiTok's limit branch indexes tracks with argsort positions and never applies the limit."""
    sym = symusic_ref.Score(480)
    for i, program in enumerate((0, 1, 2)):
        t = symusic_ref.Track(f"t{i}", program, False)
        for k in range(i + 1):
            t.notes.append(symusic_ref.Note(k, 1, 60, 100))
        sym.tracks.append(t)
    mine = Score.from_symusic(sym)
    ours_utils.merge_tracks_per_class(
        mine, classes_to_merge=[0], max_num_of_tracks_per_inst_class={0: 2}
    )
    assert len(mine.tracks) == 1
    assert len(mine.tracks[0].notes) == 5  # the two largest tracks (3 + 2 notes)
