"""Conformance of the native BPE / WordPiece trainers and the HF pipeline with HF tokenizers.

Both sides train on the same strings: MidiTok's own training strings (miditok 3.1.0 REMI on the
shared corpus through its TokTrainingIterator, trained by miditok's tokenizer.train) and random
id sequences with a Zipf-like skew. We assert the same JSON document (vocab, merges in order,
added tokens), the same encodings and lossless decoding. Failures print the first differing merge.
"""

from __future__ import annotations

import json
import random
import warnings

import pytest
from conftest import corpus_files

tokenizers = pytest.importorskip("tokenizers")
C = pytest.importorskip("miditok_cpp._core")

SPLITS = ("bar", "beat", "no")


def first_difference(hf_str: str, our_str: str) -> str:
    """Describes the first difference of two HF JSON documents."""
    hj, oj = json.loads(hf_str), json.loads(our_str)
    lines = []
    for key in hj:
        if hj[key] != oj.get(key):
            lines.append(f"top-level key {key!r} differs")
    hm, om = hj["model"], oj["model"]
    for key in hm:
        if hm[key] != om.get(key):
            lines.append(f"model.{key} differs")
    if "merges" in hm:
        for i, (a, b) in enumerate(zip(hm["merges"], om.get("merges", []), strict=False)):
            if a != b:
                lines.append(f"first differing merge #{i}: HF {a!r} ours {b!r}")
                break
        else:
            lines.append(f"merge counts: HF {len(hm['merges'])} ours {len(om['merges'])}")
    if not lines:
        i = next(i for i, (a, b) in enumerate(zip(hf_str, our_str, strict=False)) if a != b)
        lines.append(f"byte {i}: HF {hf_str[i - 40 : i + 40]!r} ours {our_str[i - 40 : i + 40]!r}")
    return "; ".join(lines)


@pytest.fixture(scope="session")
def midi_files(corpus):
    return corpus_files("one_track") + corpus_files("multitrack")


@pytest.fixture(scope="session")
def miditok_training(miditok_ref, midi_files):
    """Per split: a REMI tokenizer and its training strings (one list of str per file)."""
    from miditok.tokenizer_training_iterator import TokTrainingIterator

    out = {}
    for split in SPLITS:
        tok = miditok_ref.REMI(miditok_ref.TokenizerConfig(encode_ids_split=split))
        it = TokTrainingIterator(tok, midi_files)
        out[split] = (tok, [it[i] for i in range(len(it))])
    return out


def train_miditok(miditok_ref, split, files, vocab_size, model):
    tok = miditok_ref.REMI(miditok_ref.TokenizerConfig(encode_ids_split=split))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tok.train(vocab_size=vocab_size, model=model, files_paths=files)
    return tok


def train_ours(tok, strings, vocab_size, model, split):
    flat = [s for per_file in strings for s in per_file]
    return C.train_hf_tokenizer(
        flat,
        model,
        vocab_size,
        len(tok.vocab),
        list(tok.special_tokens_ids),
        split,
    )


@pytest.mark.parametrize("split", SPLITS)
@pytest.mark.parametrize("vocab_size", [500, 6000])
def test_bpe_same_as_miditok_train(miditok_ref, midi_files, miditok_training, split, vocab_size):
    ref = train_miditok(miditok_ref, split, midi_files, vocab_size, "BPE")
    base_tok, strings = miditok_training[split]
    ours = train_ours(base_tok, strings, vocab_size, "BPE", split)
    hf_str, our_str = ref._model.to_str(), ours.to_str()
    assert hf_str == our_str, f"REMI split={split} vocab={vocab_size}: " + first_difference(
        hf_str, our_str
    )
    # Same ids when encoding every file's words, and lossless decoding to base ids.
    for per_file in strings:
        words = list(per_file)
        hf_ids = ref._model.encode(words, is_pretokenized=True).ids
        our_ids = ours.encode(words)
        assert our_ids == hf_ids, f"split={split} vocab={vocab_size}: encodings differ"
        base = [ord(ch) - 33 for w in words for ch in w]
        assert ours.decode_to_base_ids(our_ids) == base


@pytest.mark.parametrize("split", SPLITS)
def test_wordpiece_same_as_miditok_train(miditok_ref, midi_files, miditok_training, split):
    ref = train_miditok(miditok_ref, split, midi_files, 1500, "WordPiece")
    base_tok, strings = miditok_training[split]
    ours = train_ours(base_tok, strings, 1500, "WordPiece", split)
    hf_str, our_str = ref._model.to_str(), ours.to_str()
    if split == "no":
        # Without a split HF uses the '##' prefix and numbers the '##x' tokens in hash-map order
        # (random per process), so the ids of learned pieces are not fixed; the vocabulary size
        # is, and so is the encoding of the corpus: each file is one word longer than
        # max_input_chars_per_word, which both encode as the unknown token.
        assert len(json.loads(hf_str)["model"]["vocab"]) == len(
            json.loads(our_str)["model"]["vocab"]
        )
        for per_file in strings[:10]:
            assert ours.encode(per_file) == ref._model.encode(per_file, is_pretokenized=True).ids
        return
    assert hf_str == our_str, f"WordPiece split={split}: " + first_difference(hf_str, our_str)
    for per_file in strings[:10]:
        assert ours.encode(per_file) == ref._model.encode(per_file, is_pretokenized=True).ids


def load_both_ways(miditok_ref, midi_files, miditok_training):
    """A tokenizer trained by miditok loads here and encodes to the same ids (and back)."""
    ref = train_miditok(miditok_ref, "bar", midi_files, 1000, "BPE")
    doc = ref._model.to_str()
    ours = C.HfTokenizer.from_str(doc)
    assert ours.to_str() == doc
    loaded = tokenizers.Tokenizer.from_str(ours.to_str())
    _, strings = miditok_training["bar"]
    for per_file in strings[:5]:
        assert ours.encode(per_file) == loaded.encode(per_file, is_pretokenized=True).ids


def test_hf_json_round_trip(miditok_ref, midi_files, miditok_training):
    load_both_ways(miditok_ref, midi_files, miditok_training)


# ---- random id sequences with a realistic skew -------------------------------------------------


def zipf_sequences(seed: int, n_base: int, n_files: int, split: bool) -> list[list[str]]:
    rng = random.Random(seed)
    weights = [1.0 / (k + 1) ** 1.1 for k in range(n_base)]
    out = []
    for _ in range(n_files):
        n_words = rng.randint(1, 30) if split else 1
        per_file = []
        for _ in range(n_words):
            length = rng.randint(1, 40) if split else rng.randint(1, 3000)
            ids = rng.choices(range(n_base), weights, k=length)
            per_file.append("".join(chr(33 + i) for i in ids))
        out.append(per_file)
    return out


def hf_train(strings, vocab_size, n_base, split, n_special=4, min_frequency=0, max_len=None):
    from tokenizers import AddedToken, Tokenizer, decoders, models, pre_tokenizers, trainers

    alphabet = {chr(i + 33): i for i in range(n_base)}
    kwargs = {"vocab": alphabet, "merges": []}
    trainer_kwargs = {}
    if split:
        kwargs.update(continuing_subword_prefix="", end_of_word_suffix="")
        trainer_kwargs.update(continuing_subword_prefix="", end_of_word_suffix="")
    tok = Tokenizer(models.BPE(**kwargs))
    if split:
        tok.pre_tokenizer = pre_tokenizers.Metaspace()
        tok.decoder = decoders.Metaspace()
    if max_len is not None:
        trainer_kwargs["max_token_length"] = max_len
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        show_progress=False,
        special_tokens=[AddedToken(chr(33 + i)) for i in range(n_special)],
        initial_alphabet=list(alphabet),
        min_frequency=min_frequency,
        **trainer_kwargs,
    )
    tok.train_from_iterator(strings, length=len(strings), trainer=trainer)
    return tok


def our_train(strings, vocab_size, n_base, split, n_special=4, min_frequency=0, max_len=None):
    flat = [s for per_file in strings for s in per_file]
    words, counts = C.count_words(flat, split)
    prefix = "" if split else None
    tok = C.train_bpe(
        words,
        counts,
        vocab_size,
        [chr(33 + i) for i in range(n_special)],
        [chr(33 + i) for i in range(n_base)],
        min_frequency=min_frequency,
        continuing_subword_prefix=prefix,
        end_of_word_suffix=prefix,
        max_token_length=max_len,
    )
    if split:
        tok.set_metaspace(True)
    tok.add_special_tokens([chr(33 + i) for i in range(n_special)])
    return tok


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("split", [True, False])
def test_bpe_random_skewed(seed, split):
    n_base = 80 + 40 * seed
    strings = zipf_sequences(seed, n_base, 150, split)
    hf = hf_train(strings, 1500, n_base, split)
    ours = our_train(strings, 1500, n_base, split)
    hf_str, our_str = hf.to_str(), ours.to_str()
    assert hf_str == our_str, f"seed={seed} split={split}: " + first_difference(hf_str, our_str)
    for per_file in strings[:40]:
        assert ours.encode(per_file) == hf.encode(per_file, is_pretokenized=True).ids


@pytest.mark.parametrize(("min_frequency", "max_len"), [(5, None), (0, 4), (20, 3)])
def test_bpe_trainer_options(min_frequency, max_len):
    strings = zipf_sequences(7, 60, 120, True)
    hf = hf_train(strings, 3000, 60, True, min_frequency=min_frequency, max_len=max_len)
    ours = our_train(strings, 3000, 60, True, min_frequency=min_frequency, max_len=max_len)
    assert hf.to_str() == ours.to_str(), first_difference(hf.to_str(), ours.to_str())


def long_word_sequences(seed: int, n_base: int, n_files: int) -> list[list[str]]:
    """One word per file (split "no"), 100 to 4,500 ids in runs of one id, every third repeated:
    words above 1,024 symbols take the trainer's position-list path, the others its scan."""
    rng = random.Random(seed)
    out = []
    for i in range(n_files):
        word = "".join(
            chr(33 + rng.randrange(n_base)) * rng.randint(1, 9) for _ in range(rng.randint(20, 900))
        )
        out.append([word])
        if i % 3 == 0:
            out.append([word])
    return out


@pytest.mark.parametrize(("min_frequency", "max_len"), [(0, None), (0, 5), (4, 7)])
def test_bpe_long_words_options(min_frequency, max_len):
    strings = long_word_sequences(5, 6, 60)
    hf = hf_train(strings, 2000, 6, False, min_frequency=min_frequency, max_len=max_len)
    ours = our_train(strings, 2000, 6, False, min_frequency=min_frequency, max_len=max_len)
    assert hf.to_str() == ours.to_str(), first_difference(hf.to_str(), ours.to_str())


@pytest.mark.parametrize("max_len", [None, 4])
def test_bpe_unsplit_zipf_max_len(max_len):
    # Mixed word lengths (1 to 3,000 ids) without pre-tokenizer, with and without a length limit.
    strings = zipf_sequences(7, 60, 120, False)
    hf = hf_train(strings, 3000, 60, False, max_len=max_len)
    ours = our_train(strings, 3000, 60, False, max_len=max_len)
    assert hf.to_str() == ours.to_str(), first_difference(hf.to_str(), ours.to_str())


def test_bpe_large_alphabet_escaping():
    # Base ids up to 400: characters past DEL and the C1 controls, serialised as HF does.
    strings = zipf_sequences(3, 400, 100, True)
    hf = hf_train(strings, 900, 400, True)
    ours = our_train(strings, 900, 400, True)
    assert hf.to_str() == ours.to_str(), first_difference(hf.to_str(), ours.to_str())


def test_hf_json_other_models_round_trip():
    from tokenizers import Tokenizer, models

    uni = Tokenizer(
        models.Unigram(
            vocab=[("!", 0.0), ("ab", -1.5), ("c", -1e-7), ("d", -123456789.123), ("e", 2.5e20)],
            unk_id=0,
        )
    )
    wp = Tokenizer(
        models.WordPiece(vocab={"!": 0, "a": 1, "ab": 2}, unk_token="!", max_input_chars_per_word=7)
    )
    for ref in (uni, wp):
        doc = ref.to_str()
        ours = C.HfTokenizer.from_str(doc)
        assert ours.to_str() == doc
        for words in (["ab", "abc"], ["cab", "dx"], ["abababababab"]):
            assert ours.encode(words) == ref.encode(words, is_pretokenized=True).ids, words


def test_unigram_encode_matches_hf():
    from tokenizers import Tokenizer, models, pre_tokenizers

    rng = random.Random(5)
    pieces = {chr(33 + i) for i in range(20)}
    while len(pieces) < 300:
        pieces.add("".join(chr(33 + rng.randrange(20)) for _ in range(rng.randint(2, 6))))
    vocab = [("<unk>", 0.0)] + [(p, -rng.uniform(1, 12)) for p in sorted(pieces)]
    ref = Tokenizer(models.Unigram(vocab=vocab, unk_id=0))
    ref.pre_tokenizer = pre_tokenizers.Metaspace()
    ours = C.HfTokenizer.from_str(ref.to_str())
    for _ in range(200):
        words = [
            "".join(chr(33 + rng.randrange(22)) for _ in range(rng.randint(1, 30)))
            for _ in range(rng.randint(1, 5))
        ]
        assert ours.encode(words) == ref.encode(words, is_pretokenized=True).ids, words


@pytest.mark.parametrize("length", [10, 300, 5000])
def test_bpe_encode_non_monotone_merges(length):
    """Merges whose ranks are not in build order (hand-written files) take HF's heap path."""
    from tokenizers import Tokenizer, models

    vocab = {"a": 0, "b": 1, "c": 2, "ab": 3, "abc": 4, "bc": 5, "cab": 6, "ca": 7}
    merges = [("ab", "c"), ("c", "ab"), ("a", "b"), ("b", "c"), ("c", "a")]
    ref = Tokenizer(models.BPE(vocab=vocab, merges=merges))
    ours = C.HfTokenizer.from_str(ref.to_str())
    rng = random.Random(length)
    for _ in range(20):
        word = "".join(rng.choice("abc") for _ in range(length))
        assert ours.encode([word]) == ref.encode([word], is_pretokenized=True).ids
