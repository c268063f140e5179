"""TokTrainingIterator with random attribute controls, side by side with miditok 3.1.0.

With every track drawn, each file gives the same training strings as MidiTok's. Bar-level,
track polyphony and note duration controls are left out of the comparison: ours differ from
MidiTok's by design there (bars with a single note, subsets of bars, the polyphony minimum,
ThirtySecond durations; see docs/differences.md, attribute controls), which
test_conformance_ac*.py cover."""

from __future__ import annotations

import random

import pytest
from conftest import corpus_files

import miditok_cpp

pytestmark = pytest.mark.conformance

AC_PARAMS = {
    "use_programs": True,
    "one_token_stream_for_programs": False,
    "ac_polyphony_bar": True,
    "ac_pitch_class_bar": True,
    "ac_note_density_track": True,
    "ac_note_density_bar": True,
    # Track polyphony and note duration controls left out (differences by design).
    "ac_repetition_track": True,
}


@pytest.mark.parametrize("split", ["bar", "beat", "no"])
def test_training_strings_with_attribute_controls(corpus, miditok_ref, split):
    files = corpus_files("multitrack")[:3]
    params = {**AC_PARAMS, "encode_ids_split": split}
    ref_tok = miditok_ref.REMI(miditok_ref.TokenizerConfig(**params))
    our_tok = miditok_cpp.REMI(miditok_cpp.TokenizerConfig(**params))
    ranges = ((1.0, 1.0), (0.0, 0.0))  # every track, no bar (see the module's docstring)
    ref_it = miditok_ref.TokTrainingIterator(ref_tok, files, *ranges)
    our_it = miditok_cpp.TokTrainingIterator(our_tok, files, *ranges)
    for index, path in enumerate(files):
        random.seed(index)
        expected = ref_it[index]
        random.seed(index)
        got = our_it[index]
        assert len(got) == len(expected), f"{path.name} ({split}): {len(got)} strings"
        for i, (a, b) in enumerate(zip(got, expected, strict=True)):
            assert a == b, f"{path.name} ({split}): string {i} differs"


def test_training_with_attribute_controls_learns(corpus):
    files = corpus_files("multitrack")[:3]
    tokenizer = miditok_cpp.REMI(miditok_cpp.TokenizerConfig(**AC_PARAMS))
    iterator = miditok_cpp.TokTrainingIterator(tokenizer, files, (0.2, 0.8), (0.1, 0.6))
    tokenizer.train(vocab_size=len(tokenizer) + 50, iterator=iterator)
    assert tokenizer.is_trained and len(tokenizer) == len(tokenizer.vocab) + 50
