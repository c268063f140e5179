"""The low-level models API of miditok_cpp._core: training on word lists, encoding, decoding,
errors. Conformance with HF tokenizers is in test_conformance_models.py."""

from __future__ import annotations

import random

import pytest

C = pytest.importorskip("miditok_cpp._core")

ALPHABET = [chr(33 + i) for i in range(20)]


def words_of(seed: int, n: int = 300, max_len: int = 30) -> list[str]:
    rng = random.Random(seed)
    return [
        "".join(rng.choice(ALPHABET[:8]) for _ in range(rng.randint(1, max_len))) for _ in range(n)
    ]


def test_count_words_metaspace():
    words, counts = C.count_words(["ab", "ab", "c d", ""], True)
    # An empty sequence gives no word, as in HF (no lone "▁").
    assert dict(zip(words, counts, strict=True)) == {"▁ab": 2, "▁c": 1, "▁d": 1}
    words, counts = C.count_words(["ab", "ab", "c d"], False)
    assert dict(zip(words, counts, strict=True)) == {"ab": 2, "c d": 1}


def test_train_bpe_empty_corpus_keeps_alphabet():
    tok = C.train_bpe([], [], 100, ["!"], ALPHABET)
    assert tok.vocab_size == len(ALPHABET)
    assert tok.id_to_token(0) == "!"
    assert tok.encode(['"#']) == [1, 2]


def test_train_bpe_errors():
    with pytest.raises(C.ConfigError):
        C.train_bpe(["ab"], [1], 0)
    with pytest.raises(C.ConfigError):
        C.train_bpe(["ab"], [1, 2], 10)
    with pytest.raises(C.ConfigError, match="vocab_size"):
        C.train_hf_tokenizer(["ab"], "BPE", 10, 20, [0])
    with pytest.raises(C.ConfigError, match="encode_ids_split"):
        C.train_hf_tokenizer(["ab"], "BPE", 100, 20, [0], "track")
    with pytest.raises(C.ConfigError, match="model"):
        C.train_hf_tokenizer(["ab"], "Unigram2", 100, 20, [0])
    with pytest.raises(C.ConfigError):
        C.HfTokenizer.from_str("{not json")


@pytest.mark.parametrize("split", ["bar", "beat", "no"])
@pytest.mark.parametrize("model", ["BPE", "WordPiece"])
def test_train_encode_decode_round_trip(split, model):
    seqs = words_of(1)
    tok = C.train_hf_tokenizer(seqs, model, 120, len(ALPHABET), [0, 1], split)
    assert tok.model_name == model
    assert tok.vocab_size <= 120
    for seq in seqs[:50]:
        ids = tok.encode([seq])
        assert all(0 <= i < tok.vocab_size for i in ids)
        assert tok.decode_to_base_ids(ids) == [ord(c) - 33 for c in seq]
    # The JSON document round-trips exactly.
    assert C.HfTokenizer.from_str(tok.to_str()).to_str() == tok.to_str()


def test_encode_batch_matches_encode():
    seqs = words_of(2)
    tok = C.train_hf_tokenizer(seqs, "BPE", 200, len(ALPHABET), [0], "bar")
    batch = [seqs[i : i + 5] for i in range(0, 100, 5)]
    assert tok.encode_batch(batch) == [tok.encode(b) for b in batch]


def test_huge_single_word_is_not_quadratic():
    rng = random.Random(0)
    word = "".join(rng.choice(ALPHABET[:6]) for _ in range(300_000))
    tok = C.train_hf_tokenizer([word], "BPE", 2000, len(ALPHABET), [0], "no")
    ids = tok.encode([word])
    assert tok.decode_to_base_ids(ids) == [ord(c) - 33 for c in word]
    assert len(ids) < len(word) / 1.5


def test_ids_out_of_range_raise_token_error():
    tok = C.train_hf_tokenizer(words_of(3), "BPE", 100, len(ALPHABET), [0], "bar")
    with pytest.raises(C.TokenError):
        tok.decode_to_base_ids([tok.vocab_size + 5])
