"""TSD side by side with miditok 3.1.0 on every MIDI file of the corpus.

For each configuration and file: same vocabulary (strings and ids), same ids, same decoded Score
(ours vs miditok's decode of its own ids). Configurations: the seed's, MidiTok's one-track config,
a deterministic sample (every 8th) of its hard-file sweep over the additional-token flags, its
multitrack configs (one stream, per track, program changes) and extra options (key signatures,
pedal durations, control changes, pitch intervals without time signatures, durations per program).
"""

from __future__ import annotations

import pytest
from tok_conformance import (
    MULTI,
    MULTI_VARIANTS,
    MULTITRACK,
    ONE_TRACK_PARAMS,
    SEED,
    SEED_PROGRAMS,
    corpus_tests,
    hard_params,
    make_pair,
    sample,
)

CLS = "TSD"
HARD_PARAMS = sample(hard_params(), 8, 0)
MULTI_PARAMS = [*MULTI_VARIANTS, SEED_PROGRAMS]

test_seed_config, test_one_track, test_hard_files_sweep, test_multitrack = corpus_tests(
    CLS, ONE_TRACK_PARAMS, HARD_PARAMS, MULTI_PARAMS
)


def test_types_graph_and_errors(corpus):
    """Same token-type graph as miditok, and tokens_errors 0 on our own sequences."""
    for params in (SEED, ONE_TRACK_PARAMS, MULTI, {**MULTI, "program_changes": True}):
        ref, ours = make_pair(CLS, params)
        assert ours.tokens_types_graph == ref.tokens_types_graph, f"graph differs for {params}"
    ref, ours = make_pair(CLS, SEED)
    for path in MULTITRACK[:3]:
        seq = ours(path)
        assert ours.tokens_errors(seq) == ref.tokens_errors(ref(path))


@pytest.mark.parametrize("cls_name", ["TSD", "MIDILike", "Structured"])
def test_params_files_both_ways(cls_name, tmp_path):
    """Our params file loads in miditok and miditok's in ours, into equal tokenizers; pickling
    and from_pretrained keep the class."""
    import pickle

    from tok_conformance import miditok, miditok_cpp

    params = {**SEED, "max_duration": (4, 0, 4)}
    ref, ours = make_pair(cls_name, params)
    ours.save(tmp_path / "ours.json")
    ref.save(tmp_path / "ref.json")
    assert getattr(miditok, cls_name)(params=tmp_path / "ours.json").vocab == ref.vocab
    loaded = getattr(miditok_cpp, cls_name)(params=tmp_path / "ref.json")
    assert loaded == ours and loaded.vocab == ref.vocab
    assert pickle.loads(pickle.dumps(ours)) == ours
    assert type(miditok_cpp.MusicTokenizer.from_pretrained(tmp_path / "ref.json")) is type(ours)
