"""Tokenizer configurations of the path -> ids / ids -> Score benchmarks: each tokenizer's default
and MidiTok 3.1.0's test configurations (tests/utils_tests.py TOKENIZER_CONFIG_KWARGS, the
one-track parameters of test_tokenize.py and its multitrack ones as one stream and as one sequence
per track, adjusted per tokenizer as adjust_tok_params_for_tests does)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

# MidiTok's test configurations live once, with the conformance tests that check them.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "python"))
from miditok_test_params import MULTI, ONE_TRACK_PARAMS, adjust_for_tests

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
CONFIGS = {
    "default": None,
    "test one-track": ONE_TRACK_PARAMS,
    "test programs one stream": MULTI,
    "test programs per track": {**MULTI, "one_token_stream_for_programs": False},
}
_PERTOK_DEFAULT = {
    "use_microtiming": True,
    "ticks_per_quarter": 480,
    "max_microtiming_shift": 0.25,
    "num_microtiming_bins": 30,
}


def config_kwargs(name: str, config: str) -> dict[str, Any]:
    """TokenizerConfig keyword arguments of tokenizer `name` under configuration `config`
    (PerTok's default needs its microtiming arguments; MMM's default is MMM over TSD)."""
    base = CONFIGS[config]
    if base is None:
        if name == "PerTok":
            return dict(_PERTOK_DEFAULT)
        return {"base_tokenizer": "TSD"} if name == "MMM" else {}
    params = adjust_for_tests(name, base)
    if name == "MMM":
        params["base_tokenizer"] = "TSD"
    return params
