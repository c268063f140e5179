"""Tokenizer configurations of the path -> ids / ids -> Score benchmarks: each tokenizer's default
and MidiTok 3.1.0's test configurations (tests/utils_tests.py TOKENIZER_CONFIG_KWARGS, the
one-track parameters of test_tokenize.py and its multitrack ones as one stream and as one sequence
per track, adjusted per tokenizer as adjust_tok_params_for_tests does)."""

from __future__ import annotations

from copy import deepcopy
from typing import Any

TOKENIZERS = [
    "REMI",
    "TSD",
    "MIDILike",
    "Structured",
    "CPWord",
    "Octuple",
    "MuMIDI",
    "MMM",
    "PerTok",
    "BEAT",
]
_TS_RANGE = {8: [3, 12, 6], 4: [5, 6, 3, 2, 1, 4, 8], 2: [2, 3, 4]}
_BASE = {
    "special_tokens": ["PAD", "BOS_None", "EOS", "EOS-test_None"],
    "beat_res": {(0, 4): 8, (4, 12): 4, (12, 16): 2},
    "beat_res_rest": {(0, 2): 4, (2, 12): 2},
    "num_tempos": 32,
    "tempo_range": (40, 250),
    "time_signature_range": _TS_RANGE,
    "chord_tokens_with_root_note": True,
    "chord_unknown": (3, 6),
    "delete_equal_successive_time_sig_changes": True,
    "delete_equal_successive_tempo_changes": True,
    "use_bar_end_tokens": True,
}
_ONE_TRACK = {
    **_BASE,
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
_MULTI = {
    **_BASE,
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
CONFIGS = {
    "default": None,
    "test one-track": _ONE_TRACK,
    "test programs one stream": _MULTI,
    "test programs per track": {**_MULTI, "one_token_stream_for_programs": False},
}
_PERTOK_DEFAULT = {
    "use_microtiming": True,
    "ticks_per_quarter": 480,
    "max_microtiming_shift": 0.25,
    "num_microtiming_bins": 30,
}


def _adjust(name: str, params: dict[str, Any]) -> None:
    """MidiTok's adjust_tok_params_for_tests."""
    if name == "Structured":
        params["beat_res"] = {(0, 512): 8}
    elif name in ("Octuple", "MuMIDI"):
        params["max_bar_embedding"] = 2000
        if name == "Octuple":
            params["use_time_signatures"] = False
    elif name == "CPWord" and params.get("use_time_signatures") and params.get("use_rests"):
        params["use_rests"] = False
    elif name == "PerTok":
        params.update(
            beat_res={(0, 128): 4, (0, 32): 3},
            use_microtiming=True,
            ticks_per_quarter=220,
            max_microtiming_shift=0.25,
            num_microtiming_bins=110,
            use_rests=False,
            use_sustain_pedals=False,
            use_bar_end_tokens=False,
            use_tempos=False,
            use_time_signatures=True,
            use_pitch_bends=False,
            use_pitchdrum_tokens=False,
            use_pitch_intervals=False,
        )
    if name in ("REMI", "TSD", "MIDILike", "PerTok", "MMM"):
        params["use_key_signatures"] = True


def config_kwargs(name: str, config: str) -> dict[str, Any]:
    """TokenizerConfig keyword arguments of tokenizer `name` under configuration `config`
    (PerTok's default needs its microtiming arguments; MMM's default is MMM over TSD)."""
    base = CONFIGS[config]
    if base is None:
        if name == "PerTok":
            return dict(_PERTOK_DEFAULT)
        return {"base_tokenizer": "TSD"} if name == "MMM" else {}
    params = deepcopy(base)
    _adjust(name, params)
    if name == "MMM":
        params["base_tokenizer"] = "TSD"
    return params
