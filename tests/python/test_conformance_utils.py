"""Conformance of miditok_cpp.utils and the preprocessing blocks with miditok 3.1.0.

Every corpus file goes through miditok.utils and MusicTokenizer's private preprocessing helpers
side by side with ours. The scores fed to both sides are the same (ours converted from symusic),
so any difference comes from the preprocessing code. The preprocessing blocks are also composed
in MusicTokenizer.preprocess_score's order and compared with its result under a sweep of
configurations, including MidiTok's test time signature range (several denominators).
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from conftest import corpus_files

from miditok_cpp import Score, Track
from miditok_cpp import utils as ours_utils
from miditok_cpp._core import preprocess as pp

FILES = corpus_files("one_track") + corpus_files("multitrack")
IDS = [p.name for p in FILES]
NoteList = type(Track().notes)

# MidiTok's tests' TS range (tests/utils_tests.py), built without mutating miditok's constant.
TS_RANGE_TESTS = {8: [3, 12, 6], 4: [5, 6, 3, 2, 1, 4, 8], 2: [2, 3, 4]}
BEAT_RES_TESTS = {(0, 4): 8, (4, 12): 4, (12, 16): 2}


def _configs():
    base = {
        "beat_res": BEAT_RES_TESTS,
        "num_tempos": 32,
        "tempo_range": (40, 250),
        "time_signature_range": TS_RANGE_TESTS,
    }
    return {
        "default": ("REMI", {}),
        "seed": ("REMI", {"num_velocities": 16, "use_chords": True, "use_programs": True}),
        "tests_all": (
            "REMI",
            {
                **base,
                "use_tempos": True,
                "use_time_signatures": True,
                "use_sustain_pedals": True,
                "use_pitch_bends": True,
                "use_programs": True,
                "delete_equal_successive_time_sig_changes": True,
                "delete_equal_successive_tempo_changes": True,
                "remove_duplicated_notes": True,
            },
        ),
        "tests_pedal_dur": (
            "TSD",
            {
                **base,
                "use_tempos": True,
                "use_time_signatures": True,
                "use_sustain_pedals": True,
                "sustain_pedal_duration": True,
                "use_pitch_bends": True,
                "use_programs": True,
                "one_token_stream_for_programs": False,
                "use_pitchdrum_tokens": False,
            },
        ),
        "noteoff_ts": (
            "MIDILike",
            {
                **base,
                "use_tempos": True,
                "use_time_signatures": True,
                "use_sustain_pedals": True,
                "use_pitch_bends": True,
                "use_programs": True,
                "use_control_changes": True,
                "use_key_signatures": True,
                "remove_duplicated_notes": True,
            },
        ),
        "no_velocity_tempo_dedup": (
            "REMI",
            {
                "use_velocities": False,
                "use_tempos": True,
                "log_tempos": True,
                "delete_equal_successive_tempo_changes": True,
                "use_time_signatures": True,
                "use_programs": True,
                "programs": [0, 1, 2, 24, 25, 33, -1],
                "use_note_duration_programs": [0, 1, 2],
            },
        ),
    }


CONFIGS = _configs()


def _tokenizer(miditok_ref, name):
    cls_name, kwargs = CONFIGS[name]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return getattr(miditok_ref, cls_name)(miditok_ref.TokenizerConfig(**kwargs))


def _load(symusic_ref, path):
    sym = symusic_ref.Score(path)
    return sym, Score.from_symusic(sym)


def _events(lst, fields):
    soa = lst.numpy()
    if len(lst) == 0:
        return []
    return list(zip(*(soa[f].tolist() for f in fields), strict=True))


_TRACK_FIELDS = {
    "notes": ("time", "duration", "pitch", "velocity"),
    "controls": ("time", "number", "value"),
    "pitch_bends": ("time", "value"),
    "pedals": ("time", "duration"),
}
_GLOBAL_FIELDS = {
    "tempos": ("time", "mspq"),
    "time_signatures": ("time", "numerator", "denominator"),
    "key_signatures": ("time", "key", "tonality"),
}


def _first_diff(a, b):
    for i, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return f"first difference at {i}: ours {x} vs miditok {y}"
    return f"lengths differ: ours {len(a)} vs miditok {len(b)}"


def assert_scores_equal(ours: Score, ref, where: str) -> None:
    """Field-by-field comparison of our Score with a symusic Score, naming the first difference."""
    assert ours.ticks_per_quarter == ref.ticks_per_quarter, f"{where}: tpq"
    for name, fields in _GLOBAL_FIELDS.items():
        a = _events(getattr(ours, name), fields)
        b = _events(getattr(ref, name), fields)
        assert a == b, f"{where}: {name}: {_first_diff(a, b)}"
    assert len(ours.tracks) == len(ref.tracks), f"{where}: number of tracks"
    for ti, (ta, tb) in enumerate(zip(ours.tracks, ref.tracks, strict=True)):
        assert (ta.name, ta.program, ta.is_drum) == (tb.name, tb.program, tb.is_drum), (
            f"{where}: track {ti} header"
        )
        for name, fields in _TRACK_FIELDS.items():
            a = _events(getattr(ta, name), fields)
            b = _events(getattr(tb, name), fields)
            assert a == b, f"{where}: track {ti} {name}: {_first_diff(a, b)}"


# ------------------------------------------------------------------------------------------------
# miditok.utils, file by file
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_time_grid(path, corpus, miditok_ref, symusic_ref):
    mu = miditok_ref.utils
    sym, ours = _load(symusic_ref, path)
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
    sym, _ = _load(symusic_ref, path)
    for ti, track in enumerate(sym.tracks):
        for consider_duration in (False, True):
            ref = track.notes.copy()
            ref.sort(key=lambda n: (n.time, n.pitch, n.duration))
            ours = Score.from_symusic(sym).tracks[ti].notes
            ours_sorted = type(ours).from_numpy(**ref.numpy())
            mu.remove_duplicated_notes(ref, consider_duration)
            ours_utils.remove_duplicated_notes(ours_sorted, consider_duration)
            a = _events(ours_sorted, _TRACK_FIELDS["notes"])
            b = _events(ref, _TRACK_FIELDS["notes"])
            assert a == b, f"{path.name} track {ti}: {_first_diff(a, b)}"
        ref = track.notes.copy()
        ref.sort(key=lambda n: (n.time, n.pitch, n.end))
        ours_notes = NoteList.from_numpy(**ref.numpy())
        mu.fix_offsets_overlapping_notes(ref)
        ours_utils.fix_offsets_overlapping_notes(ours_notes)
        a = _events(ours_notes, _TRACK_FIELDS["notes"])
        b = _events(ref, _TRACK_FIELDS["notes"])
        assert a == b, f"{path.name} track {ti} fix_offsets: {_first_diff(a, b)}"


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_merges(path, corpus, miditok_ref, symusic_ref):
    mu = miditok_ref.utils
    sym, ours = _load(symusic_ref, path)

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
    sym, _ = _load(symusic_ref, path)
    tok = _tokenizer(miditok_ref, "tests_all")
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
            assert a == b, f"{path.name} track {ti} {kw}: {_first_diff(a, b)}"


# ------------------------------------------------------------------------------------------------
# MusicTokenizer.preprocess_score composed from our blocks
# ------------------------------------------------------------------------------------------------


def compose_preprocess(tok, sym) -> Score:
    """MusicTokenizer.preprocess_score, step by step, with our blocks (resampling by symusic)."""
    cfg = tok.config
    original = Score.from_symusic(sym)
    ts_copy, new_tpq = pp.prepare_time_signatures(
        original.time_signatures,
        cfg.use_time_signatures,
        [tuple(ts) for ts in tok.time_signatures],
        cfg.max_num_pos_per_beat,
    )
    if sym.ticks_per_quarter != new_tpq:
        pp.resample_time_signatures(ts_copy, sym.ticks_per_quarter, new_tpq)
        score = Score.from_symusic(sym.resample(new_tpq, min_dur=1))
    else:
        score = original.copy()
    score.time_signatures = ts_copy
    if cfg.use_time_signatures and len(score.time_signatures) > 0:
        pp.preprocess_time_signatures(
            score.time_signatures,
            score.ticks_per_quarter,
            cfg.delete_equal_successive_time_sig_changes,
        )
    note_on_off = tok._note_on_off
    tpb = None
    if not note_on_off or (cfg.use_sustain_pedals and cfg.sustain_pedal_duration):
        if cfg.use_time_signatures and len(score.time_signatures) > 0:
            tpb = pp.get_score_ticks_per_beat(score)
        else:
            tpb = np.array([[pp.score_end(score), score.ticks_per_quarter]])
    rf = None
    if cfg.use_time_signatures and len({ts.denominator for ts in score.time_signatures}) > 1:
        rf = pp.get_score_resampling_factors(score, cfg.max_num_pos_per_beat)
    if cfg.use_control_changes:
        for orig_track, track in zip(original.tracks, score.tracks, strict=True):
            if len(track.controls) > 0:
                pp.preprocess_control_changes(
                    track.controls,
                    orig_track.controls.numpy()["time"],
                    sorted(cfg.control_change_numbers),
                    cfg.control_change_n_bins,
                    rf,
                )
    if cfg.use_programs and cfg.one_token_stream_for_programs and tok._merge_same_program_tracks:
        pp.merge_same_program_tracks(score.tracks)

    def empty(track):
        return pp.is_track_empty(
            track, cfg.use_control_changes, cfg.use_sustain_pedals, cfg.use_pitch_bends
        )

    for t in range(len(score.tracks) - 1, -1, -1):
        track = score.tracks[t]
        program = -1 if track.is_drum else track.program
        if empty(track) or (cfg.use_programs and program not in cfg.programs):
            del score.tracks[t]
            continue
        if len(track.notes) > 0:
            lo, hi = (
                cfg.drums_pitch_range
                if track.is_drum and cfg.use_pitchdrum_tokens
                else cfg.pitch_range
            )
            pp.preprocess_notes(
                track.notes,
                lo,
                hi,
                tok.velocities if cfg.use_velocities else None,
                rf,
                tpb,
                tok._tpb_to_time_array,
                note_on_off,
                program in cfg.use_note_duration_programs,
                cfg.remove_duplicated_notes,
            )
        if cfg.use_pitch_bends and len(track.pitch_bends) > 0:
            pp.preprocess_pitch_bends(track.pitch_bends, tok.pitch_bends, rf)
        if cfg.use_sustain_pedals and len(track.pedals) > 0:
            pp.preprocess_pedals(
                track.pedals,
                rf,
                bool(cfg.sustain_pedal_duration and tpb is not None),
                tpb,
                tok._tpb_to_time_array,
            )
        if empty(track):
            del score.tracks[t]
    if cfg.use_tempos:
        pp.preprocess_tempos(
            score.tempos,
            tok._tempos_mspq,
            rf,
            cfg.delete_equal_successive_tempo_changes,
            float(tok.default_tempo),
        )
    if cfg.use_key_signatures:
        pp.preprocess_key_signatures(score.key_signatures, rf)
    return score


@pytest.mark.parametrize("config", list(CONFIGS))
@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_preprocess_composition(path, config, corpus, miditok_ref, symusic_ref):
    sym = symusic_ref.Score(path)
    tok = _tokenizer(miditok_ref, config)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = tok.preprocess_score(sym)
    mine = compose_preprocess(tok, sym)
    assert_scores_equal(mine, ref, f"{path.name} config={config}")


# ------------------------------------------------------------------------------------------------
# Blocks on synthetic inputs that the corpus rarely exercises
# ------------------------------------------------------------------------------------------------


def test_adjust_time_matches_numpy_on_unsorted_input(miditok_ref):
    tok = _tokenizer(miditok_ref, "default")
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

    tok = _tokenizer(miditok_ref, "tests_all")
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

    tok = _tokenizer(miditok_ref, "tests_all")
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


def pipeline_params(tok) -> dict:
    """The explicit parameters of preprocess_resampled_score for a MidiTok tokenizer."""
    cfg = tok.config
    return {
        "use_time_signatures": cfg.use_time_signatures,
        "delete_equal_successive_time_sig_changes": cfg.delete_equal_successive_time_sig_changes,
        "max_num_pos_per_beat": cfg.max_num_pos_per_beat,
        "note_on_off": tok._note_on_off,
        "pitch_range": tuple(cfg.pitch_range),
        "drums_pitch_range": tuple(cfg.drums_pitch_range),
        "use_pitchdrum_tokens": cfg.use_pitchdrum_tokens,
        "velocity_bins": tok.velocities if cfg.use_velocities else None,
        "use_note_duration_programs": sorted(cfg.use_note_duration_programs),
        "duration_bins": tok._tpb_to_time_array,
        "remove_duplicated_notes": cfg.remove_duplicated_notes,
        "use_programs": cfg.use_programs,
        "programs": sorted(cfg.programs),
        "one_token_stream_for_programs": cfg.one_token_stream_for_programs,
        "merge_same_program_tracks": tok._merge_same_program_tracks,
        "use_pitch_bends": cfg.use_pitch_bends,
        "pitch_bend_bins": tok.pitch_bends,
        "use_sustain_pedals": cfg.use_sustain_pedals,
        "sustain_pedal_duration": cfg.sustain_pedal_duration,
        "use_control_changes": cfg.use_control_changes,
        "control_change_numbers": sorted(cfg.control_change_numbers),
        "control_change_n_bins": cfg.control_change_n_bins,
        "use_tempos": cfg.use_tempos,
        "tempo_mspq_bins": tok._tempos_mspq,
        "delete_equal_successive_tempo_changes": cfg.delete_equal_successive_tempo_changes,
        "default_tempo": float(tok.default_tempo),
        "use_key_signatures": cfg.use_key_signatures,
    }


@pytest.mark.parametrize("config", list(CONFIGS))
@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_preprocess_pipeline(path, config, corpus, miditok_ref, symusic_ref):
    """preprocess_resampled_score (the C++ composition) equals MusicTokenizer.preprocess_score."""
    sym = symusic_ref.Score(path)
    tok = _tokenizer(miditok_ref, config)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = tok.preprocess_score(sym)
    cfg = tok.config
    original = Score.from_symusic(sym)
    ts_copy, new_tpq = pp.prepare_time_signatures(
        original.time_signatures,
        cfg.use_time_signatures,
        [tuple(ts) for ts in tok.time_signatures],
        cfg.max_num_pos_per_beat,
    )
    if sym.ticks_per_quarter != new_tpq:
        pp.resample_time_signatures(ts_copy, sym.ticks_per_quarter, new_tpq)
        score = Score.from_symusic(sym.resample(new_tpq, min_dur=1))
    else:
        score = original.copy()
    score.time_signatures = ts_copy
    pp.preprocess_resampled_score(score, original, pipeline_params(tok))
    assert_scores_equal(score, ref, f"{path.name} config={config} (pipeline)")


def _with_mixed_meters(symusic_ref, sym, seed: int):
    """The score with a seeded sequence of TS changes mixing /2, /4 and /8 (and an unsupported
    one), so that every re-rounding path (several denominators) is exercised."""
    rng = np.random.default_rng(seed)
    out = sym.copy()
    end = max(sym.end(), 1)
    choices = [(4, 4), (3, 4), (6, 8), (3, 8), (2, 2), (3, 2), (12, 8), (7, 8), (5, 4)]
    times = np.sort(rng.integers(0, end, size=int(rng.integers(2, 9))))
    sigs = [symusic_ref.TimeSignature(0, 4, 4)]
    for t in times:
        num, den = choices[int(rng.integers(len(choices)))]
        sigs.append(symusic_ref.TimeSignature(int(t), num, den))
    out.time_signatures = sigs
    return out


MIXED_METER_CONFIGS = ["tests_all", "tests_pedal_dur", "noteoff_ts", "no_velocity_tempo_dedup"]


@pytest.mark.parametrize("config", MIXED_METER_CONFIGS)
@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_preprocess_pipeline_mixed_meters(path, config, corpus, miditok_ref, symusic_ref):
    """The corpus with injected /2, /4 and /8 time signatures: several denominators everywhere."""
    sym = _with_mixed_meters(symusic_ref, symusic_ref.Score(path), seed=len(path.name))
    tok = _tokenizer(miditok_ref, config)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = tok.preprocess_score(sym)
    mine = compose_preprocess(tok, sym)
    assert_scores_equal(mine, ref, f"{path.name} config={config} (mixed meters, blocks)")
    cfg = tok.config
    original = Score.from_symusic(sym)
    ts_copy, new_tpq = pp.prepare_time_signatures(
        original.time_signatures,
        cfg.use_time_signatures,
        [tuple(ts) for ts in tok.time_signatures],
        cfg.max_num_pos_per_beat,
    )
    if sym.ticks_per_quarter != new_tpq:
        pp.resample_time_signatures(ts_copy, sym.ticks_per_quarter, new_tpq)
        score = Score.from_symusic(sym.resample(new_tpq, min_dur=1))
    else:
        score = original.copy()
    score.time_signatures = ts_copy
    pp.preprocess_resampled_score(score, original, pipeline_params(tok))
    assert_scores_equal(score, ref, f"{path.name} config={config} (mixed meters, pipeline)")
