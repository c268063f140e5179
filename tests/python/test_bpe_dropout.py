"""BPE-dropout of a trained model's JSON (`"dropout": p`), as HF tokenizers applies it.

MidiTok never sets it, but a params file may carry it (HF's own JSON does). p = 0 and p = 1 are
deterministic and must give HF's ids exactly; in between, each merge about to be applied is
skipped with probability p, so the ids vary from call to call: the tokens must still spell the
word, and the mean length must be HF's (the skipped merges return to the queue, so it grows far
less than p suggests).
"""

from __future__ import annotations

import json
import statistics

import pytest
from test_conformance_bpe_encode import sparse_words, trained_doc

tokenizers = pytest.importorskip("tokenizers")
C = pytest.importorskip("miditok_cpp._core")

ALPHABET = "abcdefghijklmnopqrstuvwxyz"


@pytest.fixture(scope="module")
def doc() -> dict:
    return trained_doc(sparse_words(0, 200, 40, ALPHABET), 400, ALPHABET, None)


def both(doc: dict, p: float):
    from tokenizers import Tokenizer

    doc = dict(doc, model=dict(doc["model"], dropout=p))
    text = json.dumps(doc)
    return C.HfTokenizer.from_str(text), Tokenizer.from_str(text)


@pytest.mark.parametrize("p", [0.0, 1.0])
@pytest.mark.parametrize("length", [40, 6000])
def test_deterministic_dropouts_give_hf_ids(doc, p, length):
    ours, ref = both(doc, p)
    words = sparse_words(1, 20, length, ALPHABET)
    got = ours.encode_batch([[w] for w in words])
    want = [e.ids for e in ref.encode_batch([[w] for w in words], is_pretokenized=True)]
    assert got == want
    if p == 1.0:
        assert all(len(ids) == length for ids in got), "p = 1 applies no merge"


@pytest.mark.parametrize(("length", "count"), [(40, 1000), (6000, 20)])
def test_dropout_varies_spells_the_word_and_matches_hf_on_average(doc, length, count):
    ours, ref = both(doc, 0.9)
    vocab = {i: t for t, i in json.loads(ours.to_str())["model"]["vocab"].items()}
    word = sparse_words(2, 1, length, ALPHABET)[0]
    got = ours.encode_batch([[word]] * count)
    want = [e.ids for e in ref.encode_batch([[word]] * count, is_pretokenized=True)]
    assert len({tuple(ids) for ids in got}) > 1, "dropout changed nothing"
    assert all("".join(vocab[i] for i in ids) == word for ids in got)
    ours_mean = statistics.mean(map(len, got))
    hf_mean = statistics.mean(map(len, want))
    assert abs(ours_mean - hf_mean) <= 0.05 * hf_mean, (ours_mean, hf_mean)


@pytest.mark.parametrize("bad", ["1.5", "-0.1", '"x"'])
def test_dropout_outside_0_1_is_a_config_error(doc, bad):
    text = json.dumps(doc).replace('"dropout": null', f'"dropout": {bad}')
    assert f'"dropout": {bad}' in text
    with pytest.raises(ValueError, match="dropout"):
        C.HfTokenizer.from_str(text)
