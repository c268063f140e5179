"""MidiTok 3.1.0's own test configurations, as data: the conformance tests and the benchmarks
(bench/tok_configs.py) both use them.

From MidiTok's tests/utils_tests.py and tests/test_tokenize.py: the shared base, the one-track
config, the base of its "hard files" sweep, the multitrack config, and its per-tokenization
adjustment (`adjust_for_tests`). Plain dicts: no pytest, miditok or miditok_cpp import.
"""

from __future__ import annotations

from copy import deepcopy
from typing import Any

TS_RANGE = {8: [3, 12, 6], 4: [5, 6, 3, 2, 1, 4, 8], 2: [2, 3, 4]}
BASE: dict[str, Any] = {
    "special_tokens": ["PAD", "BOS_None", "EOS", "EOS-test_None"],
    "beat_res": {(0, 4): 8, (4, 12): 4, (12, 16): 2},
    "beat_res_rest": {(0, 2): 4, (2, 12): 2},
    "num_tempos": 32,
    "tempo_range": (40, 250),
    "time_signature_range": TS_RANGE,
    "chord_tokens_with_root_note": True,
    "chord_unknown": (3, 6),
    "delete_equal_successive_time_sig_changes": True,
    "delete_equal_successive_tempo_changes": True,
    "use_bar_end_tokens": True,
}
# test_tokenize.py's one-track base (also the base of its hard sweep).
ONE_TRACK_BASE: dict[str, Any] = {
    **BASE,
    "use_chords": False,
    "log_tempos": True,
    "chord_unknown": False,
    "max_duration": (20, 0, 4),
}
ONE_TRACK_PARAMS: dict[str, Any] = {
    **ONE_TRACK_BASE,
    "use_rests": True,
    "use_tempos": True,
    "use_time_signatures": True,
    "use_sustain_pedals": True,
    "use_pitch_bends": True,
    "use_pitch_intervals": True,
    "remove_duplicated_notes": True,
}
MULTI: dict[str, Any] = {
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
MAX_BAR_EMBEDDING = 2000
# PerTok's arguments in MidiTok's tests (its microtiming grid; the options it does not test off).
PERTOK_PARAMS: dict[str, Any] = {
    "beat_res": {(0, 128): 4, (0, 32): 3},
    "use_microtiming": True,
    "ticks_per_quarter": 220,
    "max_microtiming_shift": 0.25,
    "num_microtiming_bins": 110,
    "use_rests": False,
    "use_sustain_pedals": False,
    "use_bar_end_tokens": False,
    "use_tempos": False,
    "use_time_signatures": True,
    "use_pitch_bends": False,
    "use_pitchdrum_tokens": False,
    "use_pitch_intervals": False,
}
KEY_SIGNATURE_TOKENIZERS = ("REMI", "TSD", "MIDILike", "PerTok", "MMM")


def adjust_for_tests(
    name: str, params: dict[str, Any], *, key_signatures: bool = True
) -> dict[str, Any]:
    """A copy of `params` as MidiTok's adjust_tok_params_for_tests makes it for tokenization
    `name`: Structured's wide TimeShift range, Octuple's and MuMIDI's bar embedding (Octuple
    without time signatures), CPWord without rests when time signatures are on, PerTok's
    arguments; then key signatures on for the tokenizers that support them, unless
    `key_signatures` is False."""
    p = deepcopy(params)
    if name == "Structured":
        p["beat_res"] = {(0, 512): 8}
    elif name in ("Octuple", "MuMIDI"):
        p["max_bar_embedding"] = MAX_BAR_EMBEDDING
        if name == "Octuple":
            p["use_time_signatures"] = False
    elif name == "CPWord" and p.get("use_time_signatures") and p.get("use_rests"):
        p["use_rests"] = False
    elif name == "PerTok":
        p.update(deepcopy(PERTOK_PARAMS))
    if key_signatures and name in KEY_SIGNATURE_TOKENIZERS:
        p["use_key_signatures"] = True
    return p
