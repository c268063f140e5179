"""Structured side by side with miditok 3.1.0 on every MIDI file of the corpus.

Same vocabulary, ids and decoded Score. Configurations: the seed's (its chords are forced off),
MidiTok's one-track and multitrack configs with its Structured adjustment (beat_res
{(0, 512): 8}, as Structured has one TimeShift per note), and the sweep over velocities and
durations. The forced options are checked against miditok's config.
"""

from __future__ import annotations

import itertools

from tok_conformance import (
    MULTI,
    ONE_TRACK,
    ONE_TRACK_PARAMS,
    corpus_tests,
    make_pair,
)

CLS = "Structured"
WIDE = {"beat_res": {(0, 512): 8}}
ONE = {**ONE_TRACK_PARAMS, **WIDE}
SWEEP = [
    {
        **ONE,
        "use_velocities": vel,
        "use_note_duration_programs": list(range(-1, 128)) if dur else [],
    }
    for vel, dur in itertools.product([False, True], repeat=2)
]
MULTI_PARAMS = [{**MULTI, **WIDE}, {**MULTI, **WIDE, "one_token_stream_for_programs": False}]


test_seed_config, _, test_one_track_sweep, test_multitrack = corpus_tests(
    CLS, ONE, SWEEP, MULTI_PARAMS, sweep_paths=ONE_TRACK
)


def test_forced_options_and_graph():
    """The options Structured turns off, and its token-type graph, are miditok's."""
    params = {**MULTI, "use_key_signatures": True, "use_control_changes": True}
    ref, ours = make_pair(CLS, params)
    for key in (
        "use_chords",
        "use_rests",
        "use_tempos",
        "use_time_signatures",
        "use_sustain_pedals",
        "use_pitch_bends",
        "use_control_changes",
        "use_key_signatures",
        "use_pitch_intervals",
        "program_changes",
    ):
        assert getattr(ours.config, key) == getattr(ref.config, key) is False, key
    assert ours.tokens_types_graph == ref.tokens_types_graph
    assert ours["TimeShift_0.0.1"] == ref["TimeShift_0.0.1"]
