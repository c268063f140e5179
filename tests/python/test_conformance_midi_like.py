"""MIDILike side by side with miditok 3.1.0 on every MIDI file of the corpus.

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
    miditok,
    miditok_cpp,
    sample,
)

CLS = "MIDILike"
HARD_PARAMS = sample(hard_params(), 8, 3)
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


def test_fifo_and_max_duration():
    """NoteOff ends the oldest NoteOn of its pitch; max_duration caps durations and ends
    the notes never switched off, as miditok does."""
    params = {"max_duration": (1, 0, 8), "use_programs": True}
    ref, ours = make_pair(CLS, params)
    tokens = [
        "Program_0", "NoteOn_60", "Velocity_63", "TimeShift_0.4.8",
        "Program_0", "NoteOn_60", "Velocity_95", "TimeShift_0.4.8",
        "Program_0", "NoteOff_60", "TimeShift_1.0.8",
        "Program_0", "NoteOff_60", "Program_0", "NoteOn_64", "Velocity_127",
        "TimeShift_4.0.4", "Program_0", "NoteOff_64",
        "Program_0", "NoteOn_67", "Velocity_31",
    ]  # fmt: skip
    dec_ref = ref.decode([ref[t] for t in tokens])
    dec_ours = ours.decode([ours[t] for t in tokens])
    assert dec_ours == dec_ref
    notes = sorted((n.time, n.duration, n.pitch, n.velocity) for n in dec_ours.tracks[0].notes)
    td = ours.time_division  # TimeShift_0.4.8 is td / 2 ticks, max_duration td
    # the first NoteOff (tick td) ends the first NoteOn (FIFO); the second lasts 1.5 beats,
    # capped at max_duration; the last note never ends: max_duration.
    assert notes == [
        (0, td, 60, 63),
        (td // 2, td, 60, 95),
        (2 * td, td, 64, 127),
        (6 * td, td, 67, 31),
    ]
    assert isinstance(ref, miditok.MIDILike)


def test_tokens_errors_on_random_sequences():
    """MIDILike's own error count (FIFO NoteOff pairing, max_duration, notes never ended) equals
    miditok's on random and on real sequences."""
    import random

    rng = random.Random(3)
    for params in (ONE_TRACK_PARAMS, SEED, {**SEED, "max_duration": (2, 0, 4)}):
        ref, ours = make_pair(CLS, params)
        vocab = [ref[i] for i in range(len(ref))]
        useful = [t for t in vocab if t.split("_")[0] in {"NoteOn", "NoteOff", "TimeShift"}]
        compared = 0
        for _ in range(60):
            toks = [rng.choice(useful if rng.random() < 0.8 else vocab) for _ in range(40)]
            try:
                expected = ref.tokens_errors(miditok.TokSequence(tokens=list(toks)))
            except (KeyError, ValueError, IndexError):
                continue  # miditok crashes on some random sequences
            got = ours.tokens_errors(miditok_cpp.TokSequence(tokens=list(toks)))
            assert got == pytest.approx(expected), f"{params}: {toks}"
            compared += 1
        assert compared > 10
