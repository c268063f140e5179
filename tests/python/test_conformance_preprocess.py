"""MusicTokenizer.preprocess_score of miditok 3.1.0 against ours, on every corpus file under a
sweep of configurations: composed step by step from our preprocessing blocks, and run by our
pipeline (preprocess_resampled_score), also with injected time signatures mixing /2, /4 and /8.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from preprocess_conformance import (
    CONFIGS,
    FILES,
    IDS,
    assert_scores_equal,
    compose_preprocess,
    run_pipeline,
    tokenizer_for,
)


def _reference(miditok_ref, config: str, sym):
    """(MidiTok tokenizer of the config, its preprocess_score of sym)."""
    tok = tokenizer_for(miditok_ref, config)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return tok, tok.preprocess_score(sym)


@pytest.mark.parametrize("config", list(CONFIGS))
@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_preprocess_composition(path, config, corpus, miditok_ref, symusic_ref):
    sym = symusic_ref.Score(path)
    tok, ref = _reference(miditok_ref, config, sym)
    mine = compose_preprocess(tok, sym)
    assert_scores_equal(mine, ref, f"{path.name} config={config}")


@pytest.mark.parametrize("config", list(CONFIGS))
@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_preprocess_pipeline(path, config, corpus, miditok_ref, symusic_ref):
    """preprocess_resampled_score (the C++ composition) equals MusicTokenizer.preprocess_score."""
    sym = symusic_ref.Score(path)
    tok, ref = _reference(miditok_ref, config, sym)
    score = run_pipeline(tok, sym)
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
    tok, ref = _reference(miditok_ref, config, sym)
    mine = compose_preprocess(tok, sym)
    assert_scores_equal(mine, ref, f"{path.name} config={config} (mixed meters, blocks)")
    score = run_pipeline(tok, sym)
    assert_scores_equal(score, ref, f"{path.name} config={config} (mixed meters, pipeline)")
