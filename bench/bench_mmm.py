"""MMM and PerTok: path -> ids and ids -> Score on the shared corpus, ours vs miditok 3.1.0.

MMM with the seed config over each base tokenization (REMI, TSD, MIDILike); PerTok with MidiTok's
test config (220 ticks per quarter, beat_res 4 and 3 positions per beat, 110 microtiming bins);
BEAT with its defaults.
Files miditok fails on (time signatures PerTok's vocabulary lacks) are skipped on both sides.
"""

from __future__ import annotations

import warnings

from bench.harness import Case
from bench.tok_cases import encode_decode_cases

SEED = {"num_velocities": 16, "use_chords": True, "use_programs": True}
PERTOK = {
    "beat_res": {(0, 128): 4, (0, 32): 3},
    "use_microtiming": True,
    "ticks_per_quarter": 220,
    "max_microtiming_shift": 0.25,
    "num_microtiming_bins": 110,
    "use_time_signatures": True,
}
CONFIGS = {
    "MMM(REMI)": ("MMM", {**SEED, "base_tokenizer": "REMI"}),
    "MMM(TSD)": ("MMM", {**SEED, "base_tokenizer": "TSD"}),
    "MMM(MIDILike)": ("MMM", {**SEED, "base_tokenizer": "MIDILike"}),
    "PerTok": ("PerTok", PERTOK),
    "BEAT": ("BEAT", {}),
}


def _pair(label):
    import miditok

    import miditok_cpp

    cls, params = CONFIGS[label]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = getattr(miditok, cls)(miditok.TokenizerConfig(**params))
    ours = getattr(miditok_cpp, cls)(miditok_cpp.TokenizerConfig(**params))
    return ref, ours


def _ids(seq):
    """The ids of a sequence, or of each track's (PerTok without programs)."""
    return [s.ids for s in seq] if isinstance(seq, list) else seq.ids


def _prepare(label, paths, decode=False):
    def prepare():
        ref, ours = _pair(label)
        kept = []
        for p in paths:
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    ref(p)
                kept.append(p)
            except Exception:
                continue
        data = {"ref": ref, "ours": ours, "paths": kept}
        if decode:
            data["ids"] = [_ids(ours(p)) for p in kept]
        return data

    return prepare


def _encode(side):
    def run(data):
        tok = data[side]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return [_ids(tok(p)) for p in data["paths"]]

    return run


def _decode(side):
    def run(data):
        tok = data[side]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return [tok.decode(ids) for ids in data["ids"]]

    return run


def cases(corpus) -> list[Case]:
    shared = list(corpus.get("shared", []))
    return [
        case
        for label in CONFIGS
        for case in encode_decode_cases(
            label, lambda with_ids, label=label: _prepare(label, shared, with_ids), _encode, _decode
        )
    ]
