"""Tokenizer training and encoding with the trained model: miditok_cpp vs miditok 3.1.0.

Training: ``REMI.train(vocab_size, files_paths=files)`` on both sides (seed config: 16 velocities,
chords, programs), BPE to 30,000 or as far as the corpus allows (both stop when no pair is left),
for encode_ids_split "bar" and "no" (one long word per file: checks there is no quadratic
blow-up), on the shared corpus and on the generated files; Unigram (to 5,000: HF's Unigram
trainer is slow) on the shared corpus. Encoding: ``tokenizer.encode(path)`` on every file with the
same trained params loaded by both sides. The models alone (vs HF tokenizers) are in bench_models.
"""

from __future__ import annotations

import os
import tempfile
import warnings
from pathlib import Path

from bench.harness import Case

VOCAB = 30000
UNIGRAM_VOCAB = 5000
WARMUP_FILES = 40  # the slice a single-run case warms up on
SEED = {"num_velocities": 16, "use_chords": True, "use_programs": True}


def _cfg(mod, split: str):
    return mod.TokenizerConfig(**SEED, encode_ids_split=split)


def _train_case(
    label: str, files: list[Path], split: str, vocab: int, model: str = "BPE", single: bool = False
) -> Case:
    def prepare():
        return list(files)

    def ours(paths):
        import miditok_cpp

        tok = miditok_cpp.REMI(_cfg(miditok_cpp, split))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tok.train(vocab, model=model, files_paths=paths, show_progress=False)
        return tok

    def theirs(paths):
        import miditok

        tok = miditok.REMI(_cfg(miditok, split))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tok.train(vocab, model=model, files_paths=paths)
        return tok

    return Case(
        f"REMI {model} train to {vocab}, {label}, split {split}",
        "miditok 3.1.0 REMI.train(files_paths=...)",
        prepare,
        ours,
        theirs,
        lambda paths: (len(paths), "file"),
        repeat=1,
        single_run=single,  # miditok takes minutes on the generated files: one run per side
        warmup=lambda paths: paths[:WARMUP_FILES],
    )


def _encode_case(label: str, files: list[Path], split: str, vocab: int) -> Case:
    def prepare():
        import miditok_cpp

        tok = miditok_cpp.REMI(_cfg(miditok_cpp, split))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tok.train(vocab, files_paths=files, show_progress=False)
        params = Path(tempfile.mkdtemp()) / "tokenizer.json"
        tok.save(params)
        return params, list(files)

    def ours(data):
        import miditok_cpp

        if not hasattr(ours, "tok"):
            ours.tok = miditok_cpp.REMI(params=data[0])
        return [ours.tok.encode(p) for p in data[1]]

    def theirs(data):
        import miditok

        if not hasattr(theirs, "tok"):
            theirs.tok = miditok.REMI(params=data[0])
        return [theirs.tok.encode(p) for p in data[1]]

    return Case(
        f"REMI encode(path) with a trained BPE ({vocab}), {label}, split {split}",
        "miditok 3.1.0 REMI.encode(path) (trained)",
        prepare,
        ours,
        theirs,
        lambda data: (len(data[1]), "file"),
        repeat=3,
    )


def cases(corpus: dict[str, list[Path]]) -> list[Case]:
    shared = corpus.get("shared", [])
    if not shared and os.environ.get("MIDITOK_CORPUS"):  # worktrees: corpus given explicitly
        base = Path(os.environ["MIDITOK_CORPUS"])
        shared = sorted(p for d in ("one_track", "multitrack") for p in (base / d).glob("*.mid"))
    generated = corpus.get("generated", [])
    out: list[Case] = []
    for split in ("bar", "no"):
        out.append(_train_case("shared corpus", shared, split, VOCAB))
    out.append(_train_case("shared corpus", shared, "bar", UNIGRAM_VOCAB, "Unigram"))
    for split in ("bar", "no"):
        out.append(_encode_case("shared corpus", shared, split, VOCAB))
    if generated:
        label = f"{len(generated)} generated files"
        for split in ("bar", "no"):
            out.append(_train_case(label, generated, split, VOCAB, single=True))
        out.append(_encode_case(label, generated, "bar", VOCAB))
    return out
