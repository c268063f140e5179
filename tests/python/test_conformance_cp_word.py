"""CPWord side by side with miditok 3.1.0 on every MIDI file of the corpus.

For each configuration and file: same sub-vocabularies, same compound ids and tokens, same decoded
Score (ours vs miditok's decode of its own ids), same tokens_errors. Configurations: MidiTok's own
test sweeps for CPWord (one-track, the hard-files flag sweep, multitrack one stream / per track),
deduplicated by effective config, plus extra options (chords, rests with time signatures, no
velocities / durations, program subsets, log tempos, duplicated-note removal).
"""

from __future__ import annotations

import pytest
from mv_conformance import check_file, unique_configs, vocab_equal
from tok_conformance import (
    HARD,
    MULTI,
    MULTITRACK,
    ONE_TRACK,
    ONE_TRACK_PARAMS,
    SEED,
    hard_params,
    make_pair,
)

CLS = "CPWord"
ONE = unique_configs(CLS, [ONE_TRACK_PARAMS, SEED])
HARD_PARAMS = unique_configs(CLS, hard_params())
MULTI_PARAMS = unique_configs(
    CLS,
    [
        MULTI,
        {**MULTI, "one_token_stream_for_programs": False},
        {**MULTI, "use_time_signatures": False},
        {**MULTI, "use_time_signatures": False, "one_token_stream_for_programs": False},
        {**MULTI, "use_chords": False, "use_rests": False},
        {**MULTI, "use_velocities": False, "use_note_duration_programs": []},
        {**MULTI, "programs": [0, 24, -1, 33, 48], "use_pitchdrum_tokens": False},
        {**MULTI, "log_tempos": True, "remove_duplicated_notes": True, "num_tempos": 48},
        {**SEED, "use_tempos": True},
        {"use_programs": True, "use_velocities": False, "default_note_duration": 1},
    ],
)


@pytest.mark.parametrize("ci", range(len(ONE)))
@pytest.mark.parametrize("path", ONE_TRACK + MULTITRACK, ids=lambda p: p.name)
def test_one_track_and_seed(path, ci, corpus):
    ref, ours = make_pair(CLS, ONE[ci])
    vocab_equal(ref, ours, ONE[ci])
    check_file(ref, ours, path, ONE[ci])


@pytest.mark.parametrize("ci", range(len(HARD_PARAMS)))
def test_hard_files_sweep(ci, corpus):
    ref, ours = make_pair(CLS, HARD_PARAMS[ci])
    vocab_equal(ref, ours, HARD_PARAMS[ci])
    for path in HARD:
        check_file(ref, ours, path, HARD_PARAMS[ci])


@pytest.mark.parametrize("ci", range(len(MULTI_PARAMS)))
def test_multitrack(ci, corpus):
    ref, ours = make_pair(CLS, MULTI_PARAMS[ci])
    vocab_equal(ref, ours, MULTI_PARAMS[ci])
    for path in MULTITRACK:
        check_file(ref, ours, path, MULTI_PARAMS[ci])
