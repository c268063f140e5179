"""BPE encoding against HF tokenizers on long words (encode_ids_split="no").

Long words (above 256 symbols) take the rank-bucket merge loop, short ones HF's heap; those above
2,048 are merged in parts cut where no merge joins. The ids must be HF's on MidiTok's own training
strings, on words whose characters mostly never merge, next to unknown characters (unk, fused
unk), byte fallback and with the continuing-subword prefix. A failure prints the word's length
and the first differing position.
"""

from __future__ import annotations

import json
import random

import pytest
from conftest import corpus_files

tokenizers = pytest.importorskip("tokenizers")
C = pytest.importorskip("miditok_cpp._core")


def first_difference(ours: list[int], theirs: list[int]) -> str:
    i = next((k for k, (a, b) in enumerate(zip(ours, theirs, strict=False)) if a != b), None)
    if i is None:
        return f"lengths: ours {len(ours)} HF {len(theirs)}"
    return f"at {i}: ours {ours[i : i + 8]} HF {theirs[i : i + 8]}"


def assert_same(doc: str, batch: list[list[str]]) -> None:
    from tokenizers import Tokenizer

    ref = Tokenizer.from_str(doc)
    ours = C.HfTokenizer.from_str(doc)
    got = ours.encode_batch(batch)
    want = [e.ids for e in ref.encode_batch(batch, is_pretokenized=True)]
    for words, a, b in zip(batch, got, want, strict=True):
        assert a == b, f"{sum(map(len, words))} chars: " + first_difference(a, b)


@pytest.mark.parametrize("split", ["no", "bar"])
def test_trained_bpe_encodes_miditok_strings_as_hf(miditok_ref, corpus, split):
    """The bench's case: REMI's training strings of the shared corpus, a 30,000-token BPE."""
    from miditok.tokenizer_training_iterator import TokTrainingIterator

    files = corpus_files("one_track") + corpus_files("multitrack")
    tok = miditok_ref.REMI(miditok_ref.TokenizerConfig(encode_ids_split=split))
    it = TokTrainingIterator(tok, files)
    strings = [it[i] for i in range(len(it))]
    flat = [s for per_file in strings for s in per_file]
    trained = C.train_hf_tokenizer(
        flat, "BPE", 30000, len(tok.vocab), list(tok.special_tokens_ids), split
    )
    assert_same(trained.to_str(), strings)


def sparse_words(seed: int, n_words: int, length: int, alphabet: str) -> list[str]:
    """Words where each character is mostly followed by one of two others: most pairs of
    characters never meet, so a trained BPE leaves boundaries that no merge crosses."""
    follow_rng = random.Random(len(alphabet))
    follow = {c: follow_rng.sample(alphabet, 2) for c in alphabet}
    rng = random.Random(seed)
    out = []
    for _ in range(n_words):
        c = rng.choice(alphabet)
        chars = [c]
        for _ in range(length - 1):
            c = rng.choice(follow[c]) if rng.random() < 0.97 else rng.choice(alphabet)
            chars.append(c)
        out.append("".join(chars))
    return out


def trained_doc(words: list[str], vocab_size: int, alphabet: str, prefix: str | None) -> dict:
    from tokenizers import Tokenizer, models, trainers

    kwargs = {} if prefix is None else {"continuing_subword_prefix": prefix}
    tok = Tokenizer(models.BPE(**kwargs))
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size, show_progress=False, initial_alphabet=list(alphabet), **kwargs
    )
    tok.train_from_iterator(words, trainer=trainer)
    return json.loads(tok.to_str())


@pytest.mark.parametrize("length", [40, 600, 6000])
def test_long_words_with_pairs_that_never_merge(length):
    alphabet = "abcdefghijklmnopqrstuvwxyz"
    train = sparse_words(1, 300, 200, alphabet)
    doc = trained_doc(train, 1500, alphabet, None)
    words = sparse_words(2, 20, length, alphabet)
    assert_same(json.dumps(doc), [[w] for w in words] + [words[:5]])


@pytest.mark.parametrize("vocab_size", [200, 1500])
def test_long_words_merged_in_parts(vocab_size):
    """Words above 2,048 characters are merged in parts cut between two characters no token
    holds side by side; one word has no such cut for its first 12,000 characters. Under 512 ids
    every merge is in the dense table, at 1,500 the later ones are hashed."""
    alphabet = "abcdefghijklmnopqrstuvwxyz"
    train = [*sparse_words(8, 300, 200, alphabet), "abcd" * 50]
    doc = trained_doc(train, vocab_size, alphabet, None)
    words = sparse_words(9, 6, 20000, alphabet)
    words.append("abcd" * 3000 + words[0])
    assert_same(json.dumps(doc), [[w] for w in words] + [words[:3]])


@pytest.mark.parametrize("options", ["unk", "fuse_unk", "byte_fallback"])
def test_long_words_with_unknown_characters(options):
    alphabet = "abcdefghijklmnop"
    doc = trained_doc(sparse_words(3, 200, 200, alphabet), 800, alphabet, None)
    vocab = doc["model"]["vocab"]
    vocab["<unk>"] = len(vocab)
    doc["model"]["unk_token"] = "<unk>"
    doc["model"]["fuse_unk"] = options == "fuse_unk"
    if options == "byte_fallback":
        doc["model"]["byte_fallback"] = True
        for b in range(256):
            vocab[f"<0x{b:02X}>"] = len(vocab)
    rng = random.Random(4)
    words = []
    for w in sparse_words(5, 12, 3000, alphabet):
        chars = list(w)
        for _ in range(60):  # unknown characters (one to three UTF-8 bytes) in runs of 1 to 3
            at = rng.randrange(len(chars))
            chars[at : at + rng.randint(1, 3)] = rng.choice("xyz\u00e9\u4e2d") * rng.randint(1, 3)
        words.append("".join(chars))
    assert_same(json.dumps(doc), [[w] for w in words])


def test_long_words_with_continuing_subword_prefix():
    alphabet = "abcdefghij"
    doc = trained_doc(sparse_words(6, 200, 100, alphabet), 600, alphabet, "##")
    assert_same(json.dumps(doc), [[w] for w in sparse_words(7, 10, 2000, alphabet)])
