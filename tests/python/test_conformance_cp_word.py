"""CPWord side by side with miditok 3.1.0 on every MIDI file of the corpus.

For each configuration and file: same sub-vocabularies, same compound ids and tokens, same decoded
Score (ours vs miditok's decode of its own ids), same tokens_errors. Configurations: MidiTok's own
test sweeps for CPWord (one-track, the hard-files flag sweep, multitrack one stream / per track),
deduplicated by effective config, plus extra options (chords, rests with time signatures, no
velocities / durations, program subsets, log tempos, duplicated-note removal).
"""

from __future__ import annotations

from mv_conformance import COMMON_MULTI, make_tests, unique_configs
from tok_conformance import MULTI, ONE_TRACK_PARAMS, SEED, hard_params

CLS = "CPWord"
ONE = unique_configs(CLS, [ONE_TRACK_PARAMS, SEED])
HARD_PARAMS = unique_configs(CLS, hard_params())
MULTI_PARAMS = unique_configs(
    CLS,
    [
        {**MULTI, "use_time_signatures": False},
        {**MULTI, "use_time_signatures": False, "one_token_stream_for_programs": False},
        {**MULTI, "use_chords": False, "use_rests": False},
        *COMMON_MULTI,
    ],
)


test_one_track_and_seed, test_hard_files_sweep, test_multitrack = make_tests(
    CLS, ONE, HARD_PARAMS, MULTI_PARAMS
)
