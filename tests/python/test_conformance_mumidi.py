"""MuMIDI side by side with miditok 3.1.0 on every MIDI and ABC file of the corpus.

For each configuration and file: same sub-vocabularies (and vocab_types_idx, type graph), same
ragged compound ids and tokens, same bar / beat ticks, same decoded Score (ours vs miditok's
decode of its own ids) and same tokens_errors. Configurations: MidiTok's own tests for MuMIDI
(tests/test_tokenize.py: the one-track config, the hard-files sweep over velocities / durations /
tempos, the multitrack configs; max_bar_embedding=2000), deduplicated by effective config, plus
the seed config, bar-limit clipping, a program subset, no velocities / durations, log tempos.

Where we are right and miditok is not (see test_mumidi.py), the reference is corrected before the
comparison: its decoded tempos are deduplicated (it adds a tempo per compound token) and drum
tracks are kept when -1 is in `programs` (it tests the drum track's own program number).
"""

from __future__ import annotations

import warnings
from copy import deepcopy

import pytest
from conftest import corpus_files
from mv_conformance import first_row_diff, vocab_equal
from tok_conformance import (
    HARD,
    MULTI,
    MULTITRACK,
    ONE_TRACK,
    ONE_TRACK_BASE,
    ONE_TRACK_PARAMS,
    SEED,
    hard_params,
    make_pair,
)

miditok = pytest.importorskip("miditok")
symusic = pytest.importorskip("symusic")

import miditok_cpp  # noqa: E402

CLS = "MuMIDI"
ABC = corpus_files("abc", "*.abc")


def adjust(params: dict) -> dict:
    """MidiTok's adjust_tok_params_for_tests for MuMIDI: max_bar_embedding=2000 unless set."""
    p = deepcopy(params)
    p.setdefault("max_bar_embedding", 2000)
    return p


def unique_configs(params_list: list[dict]) -> list[dict]:
    """The adjusted configs with distinct effective configurations (after the forced flags)."""
    seen, out = set(), []
    for params in params_list:
        p = adjust(params)
        _, ours = make_pair(CLS, p)
        key = repr(sorted(ours.config.to_dict(serialize=True).items()))
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


ONE = unique_configs([ONE_TRACK_PARAMS, SEED, {**SEED, "use_tempos": True}])
HARD_PARAMS = unique_configs(
    hard_params(["use_velocities", "use_note_duration_programs", "use_tempos"], ONE_TRACK_BASE)
)
MULTI_PARAMS = unique_configs(
    [
        MULTI,
        {**MULTI, "max_bar_embedding": 12},
        {**MULTI, "use_velocities": False, "use_note_duration_programs": []},
        {**MULTI, "programs": [0, 24, -1, 33, 48], "use_pitchdrum_tokens": False},
        {**MULTI, "log_tempos": True, "remove_duplicated_notes": True, "num_tempos": 48},
        {**MULTI, "use_chords": False, "chord_tokens_with_root_note": False},
        {"use_programs": True, "use_velocities": False, "default_note_duration": 1},
    ]
)


def dedup_tempos(score):
    """miditok's decoded Score with its successive equal tempos removed (see test_mumidi.py)."""
    kept = []
    for t in score.tempos:
        if not kept or kept[-1].mspq != t.mspq:
            kept.append(symusic.Tempo(t.time, t.qpm))
    score.tempos = kept
    return score


def ref_encode(ref, score):
    """miditok's encoding, its drum tracks given a program number of `programs` when -1 is in it
    (miditok keeps a drum track only when its own program number is in `programs`)."""
    progs = ref.config.programs
    pre = ref.preprocess_score(score)
    usable = [p for p in progs if p >= 0]
    if -1 in progs and usable:
        for track in pre.tracks:
            if track.is_drum and track.program not in progs:
                track.program = usable[0]
    return ref.encode(pre, no_preprocess_score=True)


def _note_rows(tokens) -> int:
    return sum(1 for row in tokens if row[0].split("_")[0] in ("Pitch", "PitchDrum"))


def check_file(ref, ours, path, params) -> None:
    """Ids, tokens, ticks, decoded Score and tokens_errors of one file equal to miditok's."""
    where = f"{CLS} on {path.name} with {params}"
    try:
        score_ref = symusic.Score(path)
    except Exception:
        with pytest.raises(miditok_cpp.MiditokError):
            ours(path)
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        a = ref_encode(ref, score_ref)
    b = ours(path)
    assert isinstance(b, miditok_cpp.TokSequence), f"{where}: MuMIDI gives one sequence"
    assert a.ids == b.ids, f"{where}: {first_row_diff(a.tokens, b.tokens)}"
    assert a.tokens == b.tokens, f"{where}: tokens differ: {first_row_diff(a.tokens, b.tokens)}"
    assert a._ticks_bars == b._ticks_bars, f"{where}: bar ticks differ"
    assert a._ticks_beats == b._ticks_beats, f"{where}: beat ticks differ"
    dec_ours = ours.decode(deepcopy(a.ids))
    assert ours.decode(deepcopy(a.tokens)) == dec_ours, f"{where}: decode(tokens) != decode(ids)"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            dec_ref = ref.decode(deepcopy(a.ids))
    except Exception:  # miditok crashes (empty sequence): ours decodes every note token
        got = sum(len(t.notes) for t in dec_ours.tracks)
        assert got == _note_rows(b.tokens), f"{where}: {got} notes from {_note_rows(b.tokens)}"
        return
    dec_ref = miditok_cpp.Score.from_symusic(dedup_tempos(dec_ref))
    assert dec_ours == dec_ref, f"{where}: decoded scores differ ({dec_ref} vs {dec_ours})"
    if len(a.ids) > 0:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            err_ref = ref.tokens_errors(a)
        assert ours.tokens_errors(b) == pytest.approx(err_ref), f"{where}: tokens_errors"


def run(params: dict, paths) -> None:
    ref, ours = make_pair(CLS, params)
    vocab_equal(ref, ours, params)
    for path in paths:
        check_file(ref, ours, path, params)


@pytest.mark.parametrize("ci", range(len(ONE)))
@pytest.mark.parametrize("path", ONE_TRACK + MULTITRACK + ABC, ids=lambda p: p.name)
def test_one_track_and_seed(path, ci, corpus):
    run(ONE[ci], [path])


@pytest.mark.parametrize("ci", range(len(HARD_PARAMS)))
def test_hard_files_sweep(ci, corpus):
    run(HARD_PARAMS[ci], HARD)


@pytest.mark.parametrize("ci", range(len(MULTI_PARAMS)))
def test_multitrack(ci, corpus):
    run(MULTI_PARAMS[ci], MULTITRACK)


def test_encode_batch_equals_encode(corpus):
    _, ours = make_pair(CLS, adjust(MULTI))
    paths = MULTITRACK[:4]
    ids, errors = ours.encode_batch(paths)
    assert errors == []
    for path, got in zip(paths, ids, strict=True):
        assert got == ours(path).ids, f"{CLS} encode_batch differs from encode on {path.name}"
