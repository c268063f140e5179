"""The decoders read ids through a table built per vocabulary (src/tokenizer/id_table.h): it
follows the vocabulary when it grows, copies of a tokenizer decode alike, and an id the
vocabulary lacks is still a TokenError; token strings and ids decode to the same score."""

from __future__ import annotations

import copy
import pickle
from pathlib import Path

import pytest

import miditok_cpp

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "one_track"
FILE = CORPUS / "POP909_008.mid"
TOKENIZERS = ["REMI", "TSD", "MIDILike", "Structured", "PerTok", "BEAT", "MMM"]


def _score_bytes(score) -> bytes:
    return pickle.dumps(score)


@pytest.fixture(params=TOKENIZERS)
def tok(request):
    name = request.param
    kwargs = {"base_tokenizer": "TSD"} if name == "MMM" else {}
    if name == "PerTok":
        kwargs = {
            "use_microtiming": True,
            "ticks_per_quarter": 480,
            "max_microtiming_shift": 0.25,
            "num_microtiming_bins": 30,
        }
    return getattr(miditok_cpp, name)(miditok_cpp.TokenizerConfig(**kwargs))


def test_tokens_and_ids_decode_alike(tok):
    seq = tok(FILE)
    seqs = seq if isinstance(seq, list) else [seq]
    ids = [s.ids for s in seqs]
    tokens = [list(s.tokens) for s in seqs]
    one = not isinstance(seq, list)
    from_ids = tok.decode(ids[0] if one else ids)
    from_tokens = tok.decode(tokens[0] if one else tokens)
    assert sum(len(t.notes) for t in from_ids.tracks) > 0
    assert _score_bytes(from_ids) == _score_bytes(from_tokens)


def test_table_follows_a_grown_vocabulary(tok):
    seq = tok(FILE)
    seqs = seq if isinstance(seq, list) else [seq]
    ids = [list(s.ids) for s in seqs]
    one = not isinstance(seq, list)
    before = tok.decode(ids[0] if one else ids)
    new_id = len(tok)
    with pytest.raises(miditok_cpp.TokenError):
        tok.decode([new_id] + ids[0] if one else [[new_id] + ids[0], *ids[1:]])
    tok.add_to_vocab("Unheard_1")
    assert len(tok) == new_id + 1
    # the new id is known now and stands for no event
    after = tok.decode([new_id] + ids[0] if one else [[new_id] + ids[0], *ids[1:]])
    assert _score_bytes(after) == _score_bytes(before)


def test_copies_decode_alike(tok):
    seq = tok(FILE)
    seqs = seq if isinstance(seq, list) else [seq]
    ids = [s.ids for s in seqs]
    arg = ids[0] if not isinstance(seq, list) else ids
    first = _score_bytes(tok.decode(arg))
    assert _score_bytes(copy.deepcopy(tok).decode(arg)) == first
    assert _score_bytes(pickle.loads(pickle.dumps(tok)).decode(arg)) == first
