"""The models alone: our BPE / Unigram trainers and BPE encoder against HF tokenizers 0.23.3.

Both sides get the same training strings: MidiTok's own (miditok 3.1.0 REMI on the files through
its TokTrainingIterator, computed once and cached in build/bench-cache, not timed), split per bar,
per beat or not at all ("no": one long string per track). HF is configured exactly as miditok's
train configures it. Training through miditok's tokenizer.train (files in, trained tokenizer out)
is measured once, in bench_train.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import random
from pathlib import Path

from bench.harness import ROOT, Case

CACHE = ROOT / "build" / "bench-cache"
VOCAB = 30000


def _training_strings(files: list[Path], split: str):
    """(base vocab size, special ids, per-file lists of strings) of REMI on files, cached."""
    key = hashlib.sha1("\n".join(map(str, files)).encode()).hexdigest()[:12]
    path = CACHE / f"models_{split}_{key}.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())
    import miditok
    from miditok.tokenizer_training_iterator import TokTrainingIterator

    tok = miditok.REMI(miditok.TokenizerConfig(encode_ids_split=split))
    it = TokTrainingIterator(tok, files)
    data = (len(tok.vocab), list(tok.special_tokens_ids), [it[i] for i in range(len(it))])
    CACHE.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(data))
    return data


def _zipf_strings(n_files: int, n_base: int = 300, seed: int = 0):
    rng = random.Random(seed)
    weights = [1.0 / (k + 1) ** 1.1 for k in range(n_base)]
    out = []
    for _ in range(n_files):
        out.append(
            [
                "".join(
                    chr(33 + i) for i in rng.choices(range(n_base), weights, k=rng.randint(8, 60))
                )
                for _ in range(rng.randint(20, 80))
            ]
        )
    return n_base, [0, 1, 2, 3], out


def _hf_tokenizer(n_base: int, specials: list[int], split: str, vocab_size: int):
    from tokenizers import AddedToken, Tokenizer, decoders, models, pre_tokenizers, trainers

    alphabet = {chr(i + 33): i for i in range(n_base)}
    kwargs = {"vocab": alphabet, "merges": []}
    trainer_kwargs = {}
    if split != "no":
        kwargs.update(continuing_subword_prefix="", end_of_word_suffix="")
        trainer_kwargs.update(continuing_subword_prefix="", end_of_word_suffix="")
    tok = Tokenizer(models.BPE(**kwargs))
    if split != "no":
        tok.pre_tokenizer = pre_tokenizers.Metaspace()
        tok.decoder = decoders.Metaspace()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        show_progress=False,
        special_tokens=[AddedToken(chr(33 + i)) for i in specials],
        initial_alphabet=list(alphabet),
        **trainer_kwargs,
    )
    return tok, trainer


def _n_tokens(strings) -> float:
    return float(sum(len(s) for per_file in strings for s in per_file))


def _train_cases(label: str, load, split: str) -> list[Case]:
    def ours(data):
        n_base, specials, strings = data
        from miditok_cpp import _core

        flat = [s for per_file in strings for s in per_file]
        return _core.train_hf_tokenizer(flat, "BPE", VOCAB, n_base, specials, split)

    def hf(data):
        n_base, specials, strings = data
        tok, trainer = _hf_tokenizer(n_base, specials, split, VOCAB)
        tok.train_from_iterator(strings, length=len(strings), trainer=trainer)
        return tok

    def work(data):
        return _n_tokens(data[2]), "tok"

    return [
        Case(
            f"BPE train to {VOCAB}, {label}, split {split}",
            "HF tokenizers train_from_iterator",
            lambda: load(split),
            ours,
            hf,
            work,
            repeat=2,
        )
    ]


def _unigram_train_case(label: str, load, split: str, vocab: int) -> Case:
    def ours(data):
        n_base, specials, strings = data
        from miditok_cpp import _core

        flat = [s for per_file in strings for s in per_file]
        return _core.train_hf_tokenizer(flat, "Unigram", vocab, n_base, specials, split)

    def hf(data):
        n_base, specials, strings = data
        from tokenizers import AddedToken, Tokenizer, decoders, models, pre_tokenizers, trainers

        tok = Tokenizer(models.Unigram([]))
        if split != "no":
            tok.pre_tokenizer = pre_tokenizers.Metaspace()
            tok.decoder = decoders.Metaspace()
        trainer = trainers.UnigramTrainer(
            vocab_size=vocab,
            show_progress=False,
            special_tokens=[AddedToken(f"!{chr(33 + i)}!") for i in specials],
            initial_alphabet=[chr(33 + i) for i in range(n_base)],
        )
        tok.train_from_iterator(strings, length=len(strings), trainer=trainer)
        return tok

    return Case(
        f"Unigram train to {vocab}, {label}, split {split}",
        "HF tokenizers UnigramTrainer train_from_iterator",
        lambda: load(split),
        ours,
        hf,
        lambda data: (_n_tokens(data[2]), "tok"),
        repeat=1,
    )


def _longest_repeated(times: int):
    """One sequence: the longest string repeated `times` times. With the 1x row, the time per
    token shows whether the merge loop grows faster than the length (split "no")."""
    return lambda strings: [[max((s for f in strings for s in f), key=len) * times]]


def _encode_case(label: str, load, split: str, pick=None) -> Case:
    def prepare():
        n_base, specials, strings = load(split)
        from miditok_cpp import _core

        flat = [s for per_file in strings for s in per_file]
        ours_tok = _core.train_hf_tokenizer(flat, "BPE", VOCAB, n_base, specials, split)
        return ours_tok.to_str(), strings if pick is None else pick(strings)

    def ours(data):
        from miditok_cpp import _core

        tok = _core.HfTokenizer.from_str(data[0]) if not hasattr(ours, "tok") else ours.tok
        ours.tok = tok
        return tok.encode_batch(data[1])

    def theirs(data):
        from tokenizers import Tokenizer

        tok = Tokenizer.from_str(data[0]) if not hasattr(theirs, "tok") else theirs.tok
        theirs.tok = tok
        return [e.ids for e in tok.encode_batch(data[1], is_pretokenized=True)]

    return Case(
        f"BPE encode ({VOCAB} vocab), {label}, split {split}",
        "HF tokenizers encode_batch(is_pretokenized=True) + ids",
        prepare,
        ours,
        theirs,
        lambda data: (_n_tokens(data[1]), "tok"),
        repeat=5,
    )


def cases(corpus: dict[str, list[Path]]) -> list[Case]:
    shared = corpus["shared"]
    if not shared and os.environ.get("MIDITOK_CORPUS"):  # worktrees: corpus given explicitly
        base = Path(os.environ["MIDITOK_CORPUS"])
        shared = sorted(p for d in ("one_track", "multitrack") for p in (base / d).glob("*.mid"))

    def load_shared(split: str):
        return _training_strings(shared, split)

    def load_zipf(split: str):
        return _zipf_strings(2000)

    out: list[Case] = []
    for split in ("bar", "beat", "no"):
        out += _train_cases("shared REMI strings", load_shared, split)
    out.append(_unigram_train_case("shared REMI strings", load_shared, "bar", 5000))
    out += _train_cases("2,000 synthetic Zipf files (3.4M tokens)", load_zipf, "bar")
    for split in ("bar", "no"):
        out.append(_encode_case("shared REMI strings", load_shared, split))
    out.append(_encode_case("2,000 synthetic Zipf files", load_zipf, "bar"))
    for times in (1, 4):
        label = f"shared REMI longest track x{times} in one sequence"
        out.append(_encode_case(label, load_shared, "no", _longest_repeated(times)))
    return out
