"""add_to_vocab on a trained tokenizer, side by side with miditok 3.1.0: the new token's byte
becomes a (non-special) added token of the model at the model's next id, as in MidiTok, and
sequences holding the new token encode and decode losslessly. Differs from MidiTok in the base
id (ours: the next base id; MidiTok: the model's vocab size, leaving a gap), see the report.
"""

from __future__ import annotations

import json
import warnings

from conftest import corpus_files

import miditok_cpp

VOCAB = 600
NEW = "Program_Foo"


def _files():
    return corpus_files("one_track")[:6]


def test_add_to_vocab_after_training_matches_miditok(corpus, miditok_ref):
    ref = miditok_ref.REMI(miditok_ref.TokenizerConfig())
    ours = miditok_cpp.REMI(miditok_cpp.TokenizerConfig())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref.train(VOCAB, files_paths=_files())
    ours.train(VOCAB, files_paths=_files())
    ref.add_to_vocab(NEW)
    ours.add_to_vocab(NEW)
    ref_json = json.loads(ref._model.to_str())
    our_json = json.loads(ours._model.to_str())
    ref_added = [t for t in ref_json["added_tokens"] if not t["special"]]
    our_added = [t for t in our_json["added_tokens"] if not t["special"]]
    assert len(ref_added) == len(our_added) == 1
    assert our_added[0]["id"] == ref_added[0]["id"], (ref_added, our_added)
    for key in ("single_word", "lstrip", "rstrip", "normalized", "special"):
        assert our_added[0][key] == ref_added[0][key], key
    assert ours._model.vocab_size == ref._model.get_vocab_size()
    # The added token's byte decodes back to the new token.
    byte_ = our_added[0]["content"]
    assert ours._vocab_base_byte_to_token[byte_] == NEW
    # Adding it again changes nothing (both warn).
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ours.add_to_vocab(NEW)
    assert ours._model.vocab_size == ref._model.get_vocab_size()


def test_added_token_round_trips_through_the_model(corpus):
    ours = miditok_cpp.REMI(miditok_cpp.TokenizerConfig(encode_ids_split="no"))
    ours.train(VOCAB, files_paths=_files())
    ours.add_to_vocab(NEW)
    new_id = ours.vocab[NEW]
    seq = ours.encode(_files()[0], encode_ids=False)
    seq = seq[0] if isinstance(seq, list) else seq
    ids = [*map(int, seq.ids[:50]), new_id, *map(int, seq.ids[50:100])]
    tseq = miditok_cpp.TokSequence(ids=ids)
    ours.encode_token_ids(tseq)
    assert ours._model.vocab_size - 1 in list(tseq.ids)  # the added token's model id
    ours.decode_token_ids(tseq)
    assert list(tseq.ids) == ids
