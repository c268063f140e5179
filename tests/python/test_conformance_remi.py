"""REMI side by side with miditok 3.1.0 on every MIDI file of the corpus.

For each configuration and file: same vocabulary (strings and ids), same ids for the file, same
decoded Score (ours vs miditok's decode of its own ids). Configurations: the seed's, MidiTok's
own test sweeps (one-track, the "hard files" sweep over every additional-token flag, multitrack
with one stream / per track / program changes) and extra options (numbered bars, trailing bars,
key signatures, control changes, no time signatures, ...). On failure the message names the file
and config and prints the first differing tokens.
"""

from __future__ import annotations

from tok_conformance import (
    BASE,
    MULTI_VARIANTS,
    ONE_TRACK_PARAMS,
    SEED,
    SEED_PROGRAMS,
    corpus_tests,
    hard_params,
)

CLS = "REMI"
# The full hard sweep (no max_duration in its base).
HARD_PARAMS = hard_params(
    base={**BASE, "use_chords": False, "log_tempos": True, "chord_unknown": False}
)
MULTI_PARAMS = [
    *MULTI_VARIANTS,
    {**SEED, "add_trailing_bars": True, "use_bar_end_tokens": True},
    {**SEED, "log_tempos": True, "use_tempos": True, "remove_duplicated_notes": True},
    SEED_PROGRAMS,
]

test_seed_config, test_one_track, test_hard_files_sweep, test_multitrack = corpus_tests(
    CLS, ONE_TRACK_PARAMS, HARD_PARAMS, MULTI_PARAMS, ref_decodes_empty=True
)
