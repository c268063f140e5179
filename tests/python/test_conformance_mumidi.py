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

import pytest
from conftest import corpus_files
from mv_conformance import make_tests, unique_configs
from tok_conformance import MULTI, ONE_TRACK_BASE, ONE_TRACK_PARAMS, SEED, hard_params, make_pair

symusic = pytest.importorskip("symusic")

CLS = "MuMIDI"
ONE = unique_configs(CLS, [ONE_TRACK_PARAMS, SEED, {**SEED, "use_tempos": True}])
HARD_PARAMS = unique_configs(
    CLS, hard_params(["use_velocities", "use_note_duration_programs", "use_tempos"], ONE_TRACK_BASE)
)
MULTI_PARAMS = unique_configs(
    CLS,
    [
        MULTI,
        {**MULTI, "max_bar_embedding": 12},
        {**MULTI, "use_velocities": False, "use_note_duration_programs": []},
        {**MULTI, "programs": [0, 24, -1, 33, 48], "use_pitchdrum_tokens": False},
        {**MULTI, "log_tempos": True, "remove_duplicated_notes": True, "num_tempos": 48},
        {**MULTI, "use_chords": False, "chord_tokens_with_root_note": False},
        {"use_programs": True, "use_velocities": False, "default_note_duration": 1},
    ],
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


test_one_track_and_seed, test_hard_files_sweep, test_multitrack = make_tests(
    CLS,
    ONE,
    HARD_PARAMS,
    MULTI_PARAMS,
    extra_paths=corpus_files("abc", "*.abc"),
    ref_encode=ref_encode,
    fix_ref_decode=dedup_tempos,
)


def test_decode_of_tokens_equals_decode_of_ids(corpus):
    _, ours = make_pair(CLS, ONE[-1])
    for path in corpus_files("multitrack")[:4]:
        seq = ours(path)
        assert ours.decode(seq.tokens) == ours.decode(seq.ids), f"{CLS} on {path.name}"


def test_encode_batch_equals_encode(corpus):
    _, ours = make_pair(CLS, MULTI_PARAMS[0])
    paths = corpus_files("multitrack")[:4]
    ids, errors = ours.encode_batch(paths)
    assert errors == []
    for path, got in zip(paths, ids, strict=True):
        assert got == ours(path).ids, f"{CLS} encode_batch differs from encode on {path.name}"
