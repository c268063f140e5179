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
    HARD,
    MULTI,
    MULTITRACK,
    ONE_TRACK,
    ONE_TRACK_PARAMS,
    SEED,
    check_file,
    hard_params,
    make_pair,
    sample,
    vocab_equal,
)

CLS = "TSD"
HARD_PARAMS = sample(hard_params(), 8, 0)
MULTI_PARAMS = [
    MULTI,
    {**MULTI, "one_token_stream_for_programs": False},
    {**MULTI, "program_changes": True},
    {**MULTI, "one_token_stream_for_programs": False, "program_changes": True},
    {**MULTI, "sustain_pedal_duration": True, "use_key_signatures": True},
    {**MULTI, "use_control_changes": True, "control_change_n_bins": 16},
    {**MULTI, "use_time_signatures": False, "use_pitch_intervals": True},
    {**MULTI, "use_velocities": False, "use_note_duration_programs": [0, 1, 2, -1]},
    {**SEED, "programs": [0, 24, -1, 33, 48], "use_pitchdrum_tokens": False},
]


@pytest.mark.parametrize("path", ONE_TRACK + MULTITRACK, ids=lambda p: p.name)
def test_seed_config(path, corpus):
    ref, ours = make_pair(CLS, SEED)
    vocab_equal(ref, ours, SEED)
    check_file(ref, ours, path, SEED)


@pytest.mark.parametrize("path", ONE_TRACK, ids=lambda p: p.name)
def test_one_track(path, corpus):
    ref, ours = make_pair(CLS, ONE_TRACK_PARAMS)
    vocab_equal(ref, ours, ONE_TRACK_PARAMS)
    check_file(ref, ours, path, ONE_TRACK_PARAMS)


@pytest.mark.parametrize("ci", range(len(HARD_PARAMS)))
def test_hard_files_sweep(ci, corpus):
    params = HARD_PARAMS[ci]
    ref, ours = make_pair(CLS, params)
    vocab_equal(ref, ours, params)
    for path in HARD:
        check_file(ref, ours, path, params)


@pytest.mark.parametrize("ci", range(len(MULTI_PARAMS)))
def test_multitrack(ci, corpus):
    params = MULTI_PARAMS[ci]
    ref, ours = make_pair(CLS, params)
    vocab_equal(ref, ours, params)
    for path in MULTITRACK:
        check_file(ref, ours, path, params)


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
