"""Shared helpers of the multi-vocabulary conformance tests (Octuple, CPWord, MuMIDI).

Configurations follow MidiTok 3.1.0's own tests (tests/utils_tests.py adjust_tok_params_for_tests:
Octuple without time signatures and with max_bar_embedding, CPWord without rests when time
signatures are on), deduplicated by the effective config (these tokenizers force many flags off).
`check_file` compares ids (rows of ids) and decoded Scores; where miditok crashes on decode, ours
must decode every compound note token into one note.
"""

from __future__ import annotations

import warnings
from copy import deepcopy
from functools import partial

import pytest
from miditok_test_params import MAX_BAR_EMBEDDING
from tok_conformance import (
    HARD,
    MULTI,
    MULTITRACK,
    ONE_TRACK,
    SEED,
    check_config,
    encode_both,
    make_pair,
)

pytest.importorskip("miditok")


# Multitrack configs both tokenizations are tested with (after their own).
COMMON_MULTI = [
    MULTI,
    {**MULTI, "one_token_stream_for_programs": False},
    {**MULTI, "use_velocities": False, "use_note_duration_programs": []},
    {**MULTI, "programs": [0, 24, -1, 33, 48], "use_pitchdrum_tokens": False},
    {**MULTI, "log_tempos": True, "remove_duplicated_notes": True, "num_tempos": 48},
    {**SEED, "use_tempos": True},
    {"use_programs": True, "use_velocities": False, "default_note_duration": 1},
]


def adjust(cls_name: str, params: dict) -> dict:
    """MidiTok's adjust_tok_params_for_tests for Octuple, CPWord and MuMIDI."""
    p = deepcopy(params)
    if cls_name in ("Octuple", "MuMIDI"):
        p["max_bar_embedding"] = p.get("max_bar_embedding", MAX_BAR_EMBEDDING)
    if cls_name == "Octuple":
        p["use_time_signatures"] = p.get("_octuple_ts", False)
    elif cls_name == "CPWord" and p.get("use_time_signatures") and p.get("use_rests"):
        p["use_rests"] = False
    p.pop("_octuple_ts", None)
    return p


def unique_configs(cls_name: str, params_list: list[dict]) -> list[dict]:
    """The adjusted configs with distinct effective configurations (after the forced flags)."""
    seen, out = set(), []
    for params in params_list:
        p = adjust(cls_name, params)
        _, ours = make_pair(cls_name, p)
        key = repr(sorted(ours.config.to_dict(serialize=True).items()))
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def first_row_diff(a: list, b: list) -> str:
    """Where two compound token sequences first differ, as strings, with context."""
    k = next((i for i in range(min(len(a), len(b))) if list(a[i]) != list(b[i])), None)
    if k is None:
        k = min(len(a), len(b))
    return (
        f"lengths {len(a)} (miditok) vs {len(b)} (ours), first difference at compound token {k}:"
        f"\n  miditok {a[max(0, k - 1) : k + 2]}\n  ours    {b[max(0, k - 1) : k + 2]}"
    )


def vocab_equal(ref, ours, params) -> None:
    """Same sub-vocabularies (token -> id) and sizes."""
    assert ours.is_multi_voc and ref.is_multi_voc
    assert len(ours.vocab) == len(ref.vocab), f"{params}: {len(ref.vocab)} vs {len(ours.vocab)}"
    for k, (a, b) in enumerate(zip(ref.vocab, ours.vocab, strict=True)):
        assert a == b, (
            f"sub-vocabulary {k} differs for {params}: {first_row_diff([list(a)], [list(b)])}"
        )
    assert ours.len == ref.len and len(ours) == len(ref)
    assert ours.vocab_types_idx == ref.vocab_types_idx
    assert ours.io_format == ref.io_format
    assert ours.tokens_types_graph == ref.tokens_types_graph


def _note_rows(cls_name: str, tokens) -> int:
    if cls_name == "Octuple":
        return sum(1 for row in tokens if not any(t.endswith("_None") for t in row[:3]))
    if cls_name == "MuMIDI":
        return sum(1 for row in tokens if row[0].split("_")[0] in ("Pitch", "PitchDrum"))
    return sum(1 for row in tokens if row[0] == "Family_Note")


def check_file(ref, ours, path, params, ref_encode=None, fix_ref_decode=None) -> None:
    """Ids of the file, decoded Score and tokens_errors equal to miditok's. `ref_encode(ref,
    score)` and `fix_ref_decode(symusic_score)` replace miditok's encoding / correct its decoded
    Score where ours is right and miditok is not (MuMIDI)."""
    cls_name = type(ours).__name__
    enc = encode_both(ref, ours, path, params, first_row_diff, ref_encode)
    if enc is None:
        return
    where, refs, mine, ids = enc
    for i, (a, b) in enumerate(zip(refs, mine, strict=True)):
        assert a.tokens == b.tokens, f"{where}, sequence {i}: tokens differ"
        assert a._ticks_bars == b._ticks_bars, f"{where}, sequence {i}: bar ticks differ"
        assert a._ticks_beats == b._ticks_beats, f"{where}, sequence {i}: beat ticks differ"
    dec_ours = ours.decode(deepcopy(ids))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            dec_ref = ref.decode(deepcopy(ids))
    except Exception:  # miditok crashes (empty sequence, drums track per track): we decode
        expected = sum(_note_rows(cls_name, s.tokens) for s in mine)
        got = sum(len(t.notes) for t in dec_ours.tracks)
        assert got == expected, f"{where}: {got} notes decoded from {expected} note tokens"
        return
    if fix_ref_decode:
        dec_ref = fix_ref_decode(dec_ref)
    assert type(dec_ours) is type(dec_ref), f"{where}: decoded as {type(dec_ours).__name__}"
    assert dec_ours == dec_ref, f"{where}: decoded scores differ ({dec_ref} vs {dec_ours})"
    for a, b in zip(refs, mine, strict=True):
        if len(a.ids) > 0:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                err_ref = ref.tokens_errors(a)
            assert ours.tokens_errors(b) == pytest.approx(err_ref), f"{where}: tokens_errors"


def make_tests(
    cls_name: str, one: list[dict], hard: list[dict], multi: list[dict], extra_paths=(), **check
):
    """The three conformance tests of a tokenization: every file (and `extra_paths`) under the
    one-track / seed configs, the hard files under the flag sweep, the multitrack files under the
    multitrack configs. Each checks the vocabulary, then every file (`check`: check_file's
    ref_encode / fix_ref_decode)."""

    def run(params: dict, paths) -> None:
        check_config(cls_name, params, paths, partial(check_file, **check), vocab_equal)

    @pytest.mark.parametrize("ci", range(len(one)))
    @pytest.mark.parametrize(
        "path", ONE_TRACK + MULTITRACK + list(extra_paths), ids=lambda p: p.name
    )
    def test_one_track_and_seed(path, ci, corpus):
        run(one[ci], [path])

    @pytest.mark.parametrize("ci", range(len(hard)))
    def test_hard_files_sweep(ci, corpus):
        run(hard[ci], HARD)

    @pytest.mark.parametrize("ci", range(len(multi)))
    def test_multitrack(ci, corpus):
        run(multi[ci], MULTITRACK)

    return test_one_track_and_seed, test_hard_files_sweep, test_multitrack
