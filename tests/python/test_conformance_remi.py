"""REMI side by side with miditok 3.1.0 on every MIDI file of the corpus.

For each configuration and file: same vocabulary (strings and ids), same ids for the file, same
decoded Score (ours vs miditok's decode of its own ids). Configurations: the seed's, MidiTok's
own test sweeps (one-track, the "hard files" sweep over every additional-token flag, multitrack
with one stream / per track / program changes) and extra options (numbered bars, trailing bars,
key signatures, control changes, no time signatures, ...). On failure the message names the file
and config and prints the first differing tokens.
"""

from __future__ import annotations

import itertools
import warnings
from copy import deepcopy

import pytest
from conftest import corpus_files

miditok = pytest.importorskip("miditok")
symusic = pytest.importorskip("symusic")

import miditok_cpp  # noqa: E402

ONE_TRACK = corpus_files("one_track")
MULTITRACK = corpus_files("multitrack")
HARD_NAMES = {
    "6338816_Etude No. 4.mid",
    "6354774_Macabre Waltz.mid",
    "Maestro_9.mid",
    "POP909_191.mid",
}
HARD = [p for p in ONE_TRACK if p.name in HARD_NAMES]

_TS_RANGE_TESTS = {8: [3, 12, 6], 4: [5, 6, 3, 2, 1, 4, 8], 2: [2, 3, 4]}
BASE = {
    "special_tokens": ["PAD", "BOS_None", "EOS", "EOS-test_None"],
    "beat_res": {(0, 4): 8, (4, 12): 4, (12, 16): 2},
    "beat_res_rest": {(0, 2): 4, (2, 12): 2},
    "num_tempos": 32,
    "tempo_range": (40, 250),
    "time_signature_range": _TS_RANGE_TESTS,
    "chord_tokens_with_root_note": True,
    "chord_unknown": (3, 6),
    "delete_equal_successive_time_sig_changes": True,
    "delete_equal_successive_tempo_changes": True,
    "use_bar_end_tokens": True,
}

SEED = {"num_velocities": 16, "use_chords": True, "use_programs": True}

ONE_TRACK_PARAMS = {
    **BASE,
    "use_chords": False,
    "log_tempos": True,
    "chord_unknown": False,
    "max_duration": (20, 0, 4),
    "use_rests": True,
    "use_tempos": True,
    "use_time_signatures": True,
    "use_sustain_pedals": True,
    "use_pitch_bends": True,
    "use_pitch_intervals": True,
    "remove_duplicated_notes": True,
}

_FLAGS = [
    "use_velocities",
    "use_note_duration_programs",
    "use_rests",
    "use_tempos",
    "use_time_signatures",
    "use_sustain_pedals",
    "use_pitch_bends",
    "use_pitch_intervals",
]


def _hard_params() -> list[dict]:
    out = []
    base = {**BASE, "use_chords": False, "log_tempos": True, "chord_unknown": False}
    for bits in itertools.product([False, True], repeat=len(_FLAGS)):
        p = deepcopy(base)
        for flag, val in zip(_FLAGS, bits, strict=False):
            p[flag] = (
                (list(range(-1, 128)) if val else [])
                if flag == "use_note_duration_programs"
                else val
            )
        out.append(p)
        if p["use_sustain_pedals"]:
            out.append({**deepcopy(p), "sustain_pedal_duration": True})
    return out


HARD_PARAMS = _hard_params()

MULTI = {
    **BASE,
    "use_chords": True,
    "use_rests": True,
    "use_tempos": True,
    "use_time_signatures": True,
    "use_sustain_pedals": True,
    "use_pitch_bends": True,
    "use_programs": True,
    "sustain_pedal_duration": False,
    "one_token_stream_for_programs": True,
    "program_changes": False,
}
MULTI_PARAMS = [
    MULTI,
    {**MULTI, "one_token_stream_for_programs": False},
    {**MULTI, "program_changes": True},
    {**MULTI, "one_token_stream_for_programs": False, "program_changes": True},
    {**MULTI, "sustain_pedal_duration": True, "use_key_signatures": True},
    {**MULTI, "use_control_changes": True, "control_change_n_bins": 16},
    {**MULTI, "use_time_signatures": False, "use_pitch_intervals": True},
    {**MULTI, "use_velocities": False, "use_note_duration_programs": [0, 1, 2, -1]},
    {**SEED, "add_trailing_bars": True, "use_bar_end_tokens": True},
    {**SEED, "log_tempos": True, "use_tempos": True, "remove_duplicated_notes": True},
    {**SEED, "programs": [0, 24, -1, 33, 48], "use_pitchdrum_tokens": False},
]


def _pair(params: dict):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = miditok.REMI(miditok.TokenizerConfig(**deepcopy(params)))
        ours = miditok_cpp.REMI(miditok_cpp.TokenizerConfig(**deepcopy(params)))
    return ref, ours


def _first_diff(a: list[str], b: list[str]) -> str:
    k = next((i for i in range(min(len(a), len(b))) if a[i] != b[i]), min(len(a), len(b)))
    return (
        f"lengths {len(a)} (miditok) vs {len(b)} (ours), first difference at {k}: "
        f"miditok {a[max(0, k - 3) : k + 3]} vs ours {b[max(0, k - 3) : k + 3]}"
    )


def check_file(ref, ours, path, params) -> None:
    try:
        score_ref = symusic.Score(path)
    except Exception:
        with pytest.raises(miditok_cpp.MiditokError):
            ours(path)
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        seq_ref = ref(score_ref)
    seq_ours = ours(path)
    refs = [seq_ref] if isinstance(seq_ref, miditok.TokSequence) else seq_ref
    mine = [seq_ours] if isinstance(seq_ours, miditok_cpp.TokSequence) else seq_ours
    where = f"{path.name} with {params}"
    assert len(refs) == len(mine), f"{where}: {len(refs)} sequences vs {len(mine)}"
    for i, (a, b) in enumerate(zip(refs, mine, strict=False)):
        assert a.ids == b.ids, f"{where}, sequence {i}: {_first_diff(a.tokens, b.tokens)}"
    # Decoded scores: miditok's decode of its ids vs ours of ours.
    ids = seq_ref.ids if isinstance(seq_ref, miditok.TokSequence) else [s.ids for s in seq_ref]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        dec_ref = miditok_cpp.Score.from_symusic(ref.decode(deepcopy(ids)))
    dec_ours = ours.decode(ids)
    assert dec_ours == dec_ref, f"{where}: decoded scores differ ({dec_ref} vs {dec_ours})"


def _vocab_equal(ref, ours, params) -> None:
    voc_ref = [ref[i] for i in range(len(ref))]
    voc_ours = [ours[i] for i in range(len(ours))]
    assert voc_ours == voc_ref, f"vocab differs for {params}: {_first_diff(voc_ref, voc_ours)}"


@pytest.mark.parametrize("path", ONE_TRACK + MULTITRACK, ids=lambda p: p.name)
def test_seed_config(path, corpus):
    ref, ours = _pair(SEED)
    _vocab_equal(ref, ours, SEED)
    check_file(ref, ours, path, SEED)


@pytest.mark.parametrize("path", ONE_TRACK, ids=lambda p: p.name)
def test_one_track(path, corpus):
    ref, ours = _pair(ONE_TRACK_PARAMS)
    _vocab_equal(ref, ours, ONE_TRACK_PARAMS)
    check_file(ref, ours, path, ONE_TRACK_PARAMS)


@pytest.mark.parametrize("ci", range(len(HARD_PARAMS)))
def test_hard_files_sweep(ci, corpus):
    params = HARD_PARAMS[ci]
    ref, ours = _pair(params)
    _vocab_equal(ref, ours, params)
    for path in HARD:
        check_file(ref, ours, path, params)


@pytest.mark.parametrize("ci", range(len(MULTI_PARAMS)))
def test_multitrack(ci, corpus):
    params = MULTI_PARAMS[ci]
    ref, ours = _pair(params)
    _vocab_equal(ref, ours, params)
    for path in MULTITRACK:
        check_file(ref, ours, path, params)
