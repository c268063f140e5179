"""Shared helpers of the preprocessing conformance tests (test_conformance_utils.py and
test_conformance_preprocess.py): the corpus files, MidiTok tokenizer configurations (including
its tests' time signature range, several denominators), a field-by-field Score comparison, and
MusicTokenizer.preprocess_score rebuilt from our blocks (compose_preprocess) and from our
pipeline (run_pipeline, with pipeline_params: a MidiTok tokenizer's parameters as a dict).
"""

from __future__ import annotations

import warnings

import numpy as np
from conftest import corpus_files

from miditok_cpp import Score, Track
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


def tokenizer_for(miditok_ref, name):
    cls_name, kwargs = CONFIGS[name]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return getattr(miditok_ref, cls_name)(miditok_ref.TokenizerConfig(**kwargs))


def load_pair(symusic_ref, path):
    sym = symusic_ref.Score(path)
    return sym, Score.from_symusic(sym)


def event_tuples(lst, fields):
    soa = lst.numpy()
    if len(lst) == 0:
        return []
    return list(zip(*(soa[f].tolist() for f in fields), strict=True))


TRACK_FIELDS = {
    "notes": ("time", "duration", "pitch", "velocity"),
    "controls": ("time", "number", "value"),
    "pitch_bends": ("time", "value"),
    "pedals": ("time", "duration"),
}
GLOBAL_FIELDS = {
    "tempos": ("time", "mspq"),
    "time_signatures": ("time", "numerator", "denominator"),
    "key_signatures": ("time", "key", "tonality"),
}


def first_diff(a, b):
    for i, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return f"first difference at {i}: ours {x} vs miditok {y}"
    return f"lengths differ: ours {len(a)} vs miditok {len(b)}"


def assert_scores_equal(ours: Score, ref, where: str) -> None:
    """Field-by-field comparison of our Score with a symusic Score, naming the first difference."""
    assert ours.ticks_per_quarter == ref.ticks_per_quarter, f"{where}: tpq"
    for name, fields in GLOBAL_FIELDS.items():
        a = event_tuples(getattr(ours, name), fields)
        b = event_tuples(getattr(ref, name), fields)
        assert a == b, f"{where}: {name}: {first_diff(a, b)}"
    assert len(ours.tracks) == len(ref.tracks), f"{where}: number of tracks"
    for ti, (ta, tb) in enumerate(zip(ours.tracks, ref.tracks, strict=True)):
        assert (ta.name, ta.program, ta.is_drum) == (tb.name, tb.program, tb.is_drum), (
            f"{where}: track {ti} header"
        )
        for name, fields in TRACK_FIELDS.items():
            a = event_tuples(getattr(ta, name), fields)
            b = event_tuples(getattr(tb, name), fields)
            assert a == b, f"{where}: track {ti} {name}: {first_diff(a, b)}"


def resampled_input(tok, sym) -> tuple[Score, Score]:
    """(the score as ours, the score after step 1 of preprocess_score): time signatures prepared
    with our block, notes resampled by symusic to the tokenizer's tpq when it differs."""
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
    return original, score


def compose_preprocess(tok, sym) -> Score:
    """MusicTokenizer.preprocess_score, step by step, with our blocks (resampling by symusic)."""
    cfg = tok.config
    original, score = resampled_input(tok, sym)
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


def run_pipeline(tok, sym) -> Score:
    """MusicTokenizer.preprocess_score with our pipeline: step 1 (time signatures), symusic's
    resampling, then preprocess_resampled_score with the tokenizer's parameters."""
    original, score = resampled_input(tok, sym)
    pp.preprocess_resampled_score(score, original, pipeline_params(tok))
    return score
