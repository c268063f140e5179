"""C++ applies trained models as Python does. For every tokenization that trains (the
multi-vocabulary CPWord, Octuple and MuMIDI cannot), a BPE / Unigram / WordPiece model is trained
and saved to a params file; the C++ program (trained_ids.cpp: MusicTokenizer::load + encode) must
give, file by file, the ids the Python API gives from the same params file. miditok_cpp trains
most cases on the whole corpus (fast); MidiTok 3.1.0 itself trains three cases on a few files
(its training and encoding are slow), and there the ids of MidiTok, of miditok_cpp's Python API
and of the C++ program must all be equal.

Run by ctest (test `trained_ids_vs_python`):
    python trained_ids_check.py --binary build/dev/.../miditok_trained_ids --corpus ../shared/corpus
The params files and expected ids are written to a temporary folder, never to the tree.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

import miditok

import miditok_cpp

SEED = {"num_velocities": 16, "use_chords": True, "use_programs": True}
PERTOK = {
    "beat_res": {(0, 128): 4, (0, 32): 3},
    "use_microtiming": True,
    "ticks_per_quarter": 220,
    "max_microtiming_shift": 0.25,
    "num_microtiming_bins": 110,
    "use_time_signatures": True,
}
# (trainer, class, config, model, encode_ids_split): every tokenization MidiTok trains (the
# multi-vocabulary CPWord, Octuple and MuMIDI cannot be), each model kind and split.
CASES = [
    ("miditok_cpp", "REMI", SEED, "BPE", "bar"),
    ("miditok_cpp", "REMI", {"use_rests": True, "use_tempos": True}, "Unigram", "no"),
    ("miditok_cpp", "REMI", {}, "WordPiece", "beat"),
    ("miditok_cpp", "TSD", SEED, "Unigram", "beat"),
    ("miditok_cpp", "MIDILike", SEED, "WordPiece", "bar"),
    ("miditok_cpp", "Structured", {}, "BPE", "no"),
    ("miditok_cpp", "MMM", {**SEED, "base_tokenizer": "REMI"}, "BPE", "bar"),
    ("miditok_cpp", "MMM", {**SEED, "base_tokenizer": "TSD"}, "Unigram", "no"),
    ("miditok_cpp", "PerTok", PERTOK, "BPE", "beat"),
    ("miditok_cpp", "BEAT", {}, "Unigram", "bar"),
    ("miditok", "REMI", SEED, "BPE", "bar"),
    ("miditok", "TSD", SEED, "Unigram", "beat"),
    ("miditok", "MIDILike", {}, "WordPiece", "bar"),
]
MIDITOK_FILES = 5  # files MidiTok trains on and encodes (the smallest of the corpus)
EXTRA_TOKENS = 400  # vocabulary size: the base vocabulary plus this many learned tokens


def _id_lists(seq) -> list[list[int]]:
    seqs = seq if isinstance(seq, list) else [seq]
    return [[int(i) for i in s.ids] for s in seqs]


def _first_diff(tok, a: list[int], b: list[int]) -> str:
    for i, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return f"id #{i}: Python {x} ({_token(tok, x)!r}), C++ {y} ({_token(tok, y)!r})"
    return f"lengths {len(a)} (Python) vs {len(b)} (C++)"


def _token(tok, i: int) -> str:
    vocab = {v: k for k, v in tok.vocab_model.items()}
    byte = vocab.get(i, "?")
    return "".join(tok._vocab_base_byte_to_token.get(ch, ch) + " " for ch in byte).strip()


def check_case(case, files: list[Path], binary: str, tmp: Path) -> list[str]:
    trainer, cls, params, model, split = case
    label = f"{trainer} {cls} {model} split={split} {params}"
    config = dict(params, encode_ids_split=split)
    lib = miditok if trainer == "miditok" else miditok_cpp
    if trainer == "miditok":
        files = sorted(files, key=lambda p: p.stat().st_size)[:MIDITOK_FILES]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = getattr(lib, cls)(lib.TokenizerConfig(**config))
        ref.train(len(ref) + EXTRA_TOKENS, model=model, files_paths=files)
        params_path = tmp / f"{trainer}_{cls}_{model}_{split}.json"
        ref.save(params_path)
        used, expected = [], []
        for path in files:
            try:
                expected.append(_id_lists(ref.encode(path)))
            except Exception:  # a file the trainer's library cannot encode is not compared
                continue
            used.append(path)
    ours = miditok_cpp.MusicTokenizer.from_pretrained(params_path)
    out = tmp / f"{trainer}_{cls}_{model}_{split}.txt"
    run = subprocess.run(
        [binary, str(params_path), str(out), *map(str, used)], capture_output=True, text=True
    )
    errors = [f"{label}: C++: {line}" for line in run.stderr.splitlines()]
    if run.returncode != 0 and not errors:
        errors.append(f"{label}: C++ exit {run.returncode}")
    got: list[list[list[int]]] = [[] for _ in used]
    if out.exists():
        for line in out.read_text().splitlines():
            index, *ids = map(int, line.split())
            got[index].append(ids)
    for path, want, cpp in zip(used, expected, got, strict=True):
        py = _id_lists(ours.encode(path))
        if py != want:
            errors.append(f"{label}: {path.name}: miditok_cpp's Python ids differ from {trainer}'s")
        if cpp != want:
            if len(cpp) != len(want):
                errors.append(f"{label}: {path.name}: {len(cpp)} sequences, Python {len(want)}")
            else:
                k = next(k for k in range(len(want)) if cpp[k] != want[k])
                diff = _first_diff(ref, want[k], cpp[k])
                errors.append(f"{label}: {path.name}: sequence {k}: {diff}")
    n_ids = sum(len(s) for f in expected for s in f)
    print(f"{label}: {len(used)} files, {n_ids} ids, {'OK' if not errors else 'FAILED'}")
    return errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--corpus", required=True, type=Path)
    args = parser.parse_args()
    # Every other corpus file (one-track and multitrack) keeps the check near a minute.
    files = (
        sorted((args.corpus / "one_track").glob("*.mid"))[::2]
        + sorted((args.corpus / "multitrack").glob("*.mid"))[::2]
    )
    if not files:
        print(f"no corpus files in {args.corpus}", file=sys.stderr)
        return 0 if os.environ.get("CI") != "true" else 1
    errors: list[str] = []
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for case in CASES:
            case_errors = check_case(case, files, args.binary, Path(tmp))
            failed += bool(case_errors)
            errors += case_errors
    for e in errors[:40]:
        print(e, file=sys.stderr)
    print(f"trained-model cases: {len(CASES) - failed} equal, {failed} differing")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
