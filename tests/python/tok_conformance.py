"""Shared helpers of the tokenization conformance tests (REMI, TSD, MIDILike, Structured).

MidiTok's own test configurations (tests/utils_tests.py and tests/test_tokenize.py of MidiTok
3.1.0): the shared base, the one-track config, the "hard files" sweep over the additional-token
flags and the multitrack configs; plus the seed config. `check_file` runs miditok and ours side by
side on one file: same ids, and same decoded Score; failures name the file and config and print
the first differing tokens. `corpus_tests` builds the four corpus tests a tokenization module
binds (seed config, one-track config, a sweep of configs, multitrack configs).
"""

from __future__ import annotations

import itertools
import warnings
from copy import deepcopy
from functools import partial
from typing import NamedTuple

import pytest
from conftest import corpus_files
from miditok_test_params import BASE, MULTI, ONE_TRACK_BASE, ONE_TRACK_PARAMS  # noqa: F401

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

SEED = {"num_velocities": 16, "use_chords": True, "use_programs": True}
FLAGS = [
    "use_velocities",
    "use_note_duration_programs",
    "use_rests",
    "use_tempos",
    "use_time_signatures",
    "use_sustain_pedals",
    "use_pitch_bends",
    "use_pitch_intervals",
]


def hard_params(flags: list[str] = FLAGS, base: dict = ONE_TRACK_BASE) -> list[dict]:
    """test_tokenize.py's hard sweep: every combination of the flags, plus pedal-duration twins."""
    out = []
    for bits in itertools.product([False, True], repeat=len(flags)):
        p = deepcopy(base)
        for flag, val in zip(flags, bits, strict=True):
            p[flag] = (
                (list(range(-1, 128)) if val else [])
                if flag == "use_note_duration_programs"
                else val
            )
        out.append(p)
        if p.get("use_sustain_pedals"):
            out.append({**deepcopy(p), "sustain_pedal_duration": True})
    return out


# test_tokenize.py's multitrack variants plus extra options (key signatures, pedal durations,
# control changes, pitch intervals without time signatures, durations per program).
MULTI_VARIANTS = [
    MULTI,
    {**MULTI, "one_token_stream_for_programs": False},
    {**MULTI, "program_changes": True},
    {**MULTI, "one_token_stream_for_programs": False, "program_changes": True},
    {**MULTI, "sustain_pedal_duration": True, "use_key_signatures": True},
    {**MULTI, "use_control_changes": True, "control_change_n_bins": 16},
    {**MULTI, "use_time_signatures": False, "use_pitch_intervals": True},
    {**MULTI, "use_velocities": False, "use_note_duration_programs": [0, 1, 2, -1]},
]
# The seed config with a program subset and drums as Pitch tokens.
SEED_PROGRAMS = {**SEED, "programs": [0, 24, -1, 33, 48], "use_pitchdrum_tokens": False}


_PAIRS: dict[str, tuple] = {}


def make_pair(cls_name: str, params: dict):
    """(miditok tokenizer, ours) of a class for a config (built once per session)."""
    key = f"{cls_name}:{params!r}"
    if key not in _PAIRS:
        _PAIRS[key] = _build_pair(cls_name, params)
    return _PAIRS[key]


def _build_pair(cls_name: str, params: dict):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = getattr(miditok, cls_name)(miditok.TokenizerConfig(**deepcopy(params)))
        ours = getattr(miditok_cpp, cls_name)(miditok_cpp.TokenizerConfig(**deepcopy(params)))
    return ref, ours


def first_diff(a: list[str], b: list[str]) -> str:
    """Where two token lists first differ, with a few tokens of context."""
    k = next((i for i in range(min(len(a), len(b))) if a[i] != b[i]), min(len(a), len(b)))
    return (
        f"lengths {len(a)} (miditok) vs {len(b)} (ours), first difference at {k}: "
        f"miditok {a[max(0, k - 3) : k + 3]} vs ours {b[max(0, k - 3) : k + 3]}"
    )


def vocab_equal(ref, ours, params) -> None:
    """Same token strings at the same ids."""
    voc_ref = [ref[i] for i in range(len(ref))]
    voc_ours = [ours[i] for i in range(len(ours))]
    assert voc_ours == voc_ref, f"vocab differs for {params}: {first_diff(voc_ref, voc_ours)}"


def _score_diff(a, b) -> str:
    if len(a.tracks) != len(b.tracks):
        return f"{len(a.tracks)} tracks (miditok) vs {len(b.tracks)} (ours)"
    for i, (ta, tb) in enumerate(zip(a.tracks, b.tracks, strict=True)):
        for field in ("notes", "pedals", "controls", "pitch_bends"):
            la, lb = list(getattr(ta, field)), list(getattr(tb, field))
            if la != lb:
                k = next((j for j in range(min(len(la), len(lb))) if la[j] != lb[j]), None)
                return (
                    f"track {i} {field}: {len(la)} vs {len(lb)}, first difference at {k}: "
                    f"{la[k : k + 2] if k is not None else ''} vs "
                    f"{lb[k : k + 2] if k is not None else ''}"
                )
        ka, kb = (ta.program, ta.is_drum, ta.name), (tb.program, tb.is_drum, tb.name)
        if ka != kb:
            return f"track {i}: {ka} vs {kb}"
    return f"globals or tpq differ: {a} vs {b}"


class Encoded(NamedTuple):
    """A file encoded on both sides (see encode_both)."""

    where: str  # tokenizer, file and config, for failure messages
    refs: list  # miditok's TokSequences
    mine: list  # ours
    ids: list  # miditok's ids, as its decode takes them


def encode_both(ref, ours, path, params, diff=first_diff, ref_encode=None) -> Encoded | None:
    """Encodes a file with miditok (after symusic reads it; `ref_encode(ref, score)` replaces
    `ref(score)` where miditok must be corrected) and ours, and asserts the same sequences of ids
    (diff prints the first differing tokens). None when symusic cannot read the file, after
    checking that ours raises a MiditokError on it."""
    try:
        score_ref = symusic.Score(path)
    except Exception:
        with pytest.raises(miditok_cpp.MiditokError):
            ours(path)
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        seq_ref = ref_encode(ref, score_ref) if ref_encode else ref(score_ref)
    seq_ours = ours(path)
    refs = [seq_ref] if isinstance(seq_ref, miditok.TokSequence) else seq_ref
    mine = [seq_ours] if isinstance(seq_ours, miditok_cpp.TokSequence) else seq_ours
    where = f"{type(ours).__name__} on {path.name} with {params}"
    assert len(refs) == len(mine), f"{where}: {len(refs)} sequences vs {len(mine)}"
    for i, (a, b) in enumerate(zip(refs, mine, strict=True)):
        assert a.ids == b.ids, f"{where}, sequence {i}: {diff(a.tokens, b.tokens)}"
    ids = seq_ref.ids if isinstance(seq_ref, miditok.TokSequence) else [s.ids for s in seq_ref]
    return Encoded(where, refs, mine, ids)


def check_file(ref, ours, path, params, ref_decodes_empty: bool = False) -> None:
    """Ids of the file and decoded Score equal to miditok's. Without ref_decodes_empty, a file
    giving only empty sequences is decoded by ours alone (miditok may crash on them)."""
    enc = encode_both(ref, ours, path, params)
    if enc is None:
        return
    where, refs, ids = enc.where, enc.refs, enc.ids
    dec_ours = ours.decode(ids)
    if not ref_decodes_empty and all(len(s.ids) == 0 for s in refs):
        # miditok crashes decoding an empty one-stream sequence (Structured); ours gives an
        # empty Score.
        assert all(len(t.notes) == 0 for t in dec_ours.tracks), f"{where}: notes from no token"
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        dec_ref = ref.decode(deepcopy(ids))
    assert type(dec_ours) is type(dec_ref), f"{where}: decoded as {type(dec_ours).__name__}"
    assert dec_ours == dec_ref, f"{where}: decoded scores differ: {_score_diff(dec_ref, dec_ours)}"


def check_config(cls_name: str, params: dict, paths: list, check=check_file, vocab=None) -> None:
    """Both tokenizers of a config: their vocabularies (vocab, default vocab_equal), then each
    file with check(ref, ours, path, params)."""
    ref, ours = make_pair(cls_name, params)
    (vocab or vocab_equal)(ref, ours, params)
    for path in paths:
        check(ref, ours, path, params)


def sample(items: list, every: int, offset: int = 0) -> list:
    """Every `every`-th item starting at `offset`: a deterministic sample of a sweep."""
    return items[offset::every]


def corpus_tests(
    cls_name: str,
    one_track_params: dict,
    sweep: list[dict],
    multi_params: list[dict],
    sweep_paths: list = HARD,
    ref_decodes_empty: bool = False,
):
    """(test_seed_config, test_one_track, test_sweep, test_multitrack) of a tokenization, to bind
    under test_* names in its test module: the seed config on every file, one_track_params on the
    one-track files, each sweep config on sweep_paths, each multitrack config on the multitrack
    files; each checks the vocabulary, then every file with check_file."""

    def check(params: dict, paths: list) -> None:
        check_config(
            cls_name, params, paths, partial(check_file, ref_decodes_empty=ref_decodes_empty)
        )

    @pytest.mark.parametrize("path", ONE_TRACK + MULTITRACK, ids=lambda p: p.name)
    def test_seed_config(path, corpus):
        check(SEED, [path])

    @pytest.mark.parametrize("path", ONE_TRACK, ids=lambda p: p.name)
    def test_one_track(path, corpus):
        check(one_track_params, [path])

    @pytest.mark.parametrize("ci", range(len(sweep)))
    def test_sweep(ci, corpus):
        check(sweep[ci], sweep_paths)

    @pytest.mark.parametrize("ci", range(len(multi_params)))
    def test_multitrack(ci, corpus):
        check(multi_params[ci], MULTITRACK)

    return test_seed_config, test_one_track, test_sweep, test_multitrack
