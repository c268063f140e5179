"""The token store at scale: 100,000 generated files (not part of the default run nor of CI).

    python -m bench.run scale --rt

- tokenize_to_store over the 100,000 files against miditok's ``tokenize_dataset`` timed on a
  2,000-file sample of the same corpus (every 50th file) and scaled x50 (one run per side, after a
  20-file warm-up); the seed's tokenizer on both sides (REMI, 16 velocities, chords, programs,
  untrained);
- the peak RSS of tokenize_to_store over the first 10,000 files, to compare with the 100,000-file
  run's: a streaming writer keeps it flat;
- a DataLoader epoch (batch 16, DataCollator) over DatasetTokens on the 10,000- and the
  100,000-file store: the peak RSS (store opening included) does not depend on the store's size.

The corpus (scripts/generate_corpus.py --seed 0, about 900 MB) and the two stores are cached in
MIDITOK_BENCH_SCALE_DIR (default /tmp/miditok-cpp-scale), keyed by seed and count; they are made
once, by the first run that needs them. ``python -m bench.bench_scale --rss N`` tokenizes the first
N files in this process and prints its whole peak RSS (VmHWM), for profiling.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

from bench.bench_store import MAX_SEQ_LEN, _epoch, _tokenizer
from bench.harness import ROOT, Case, _read_status

RUN_BY_DEFAULT = False  # minutes of CPU and 1 GB of files: `python -m bench.run scale` only
SEED = 0
NUM_FILES = 100_000
SMALL = 10_000
SAMPLE_STEP = 50  # miditok's sample: every 50th file, 2,000 files
SCALE_DIR = Path(os.environ.get("MIDITOK_BENCH_SCALE_DIR", "/tmp/miditok-cpp-scale"))


def corpus_dir(seed: int = SEED, num: int = NUM_FILES) -> Path:
    """The generated corpus of (seed, num), made once (a .complete marker when whole)."""
    target = SCALE_DIR / f"corpus-seed{seed}-n{num}"
    if not (target / ".complete").exists():
        generator = ROOT / "scripts" / "generate_corpus.py"
        args = ["--out", str(target), "--num", str(num), "--seed", str(seed)]
        subprocess.run([sys.executable, str(generator), *args], check=True)
        (target / ".complete").write_text("ok")
    return target


def corpus_paths(num: int) -> list[str]:
    """The first num files of the corpus (the generator's names, in order)."""
    target = corpus_dir()
    return [str(target / f"gen_{SEED}_{i:05d}.mid") for i in range(num)]


def _store_dir(num: int) -> Path:
    return SCALE_DIR / f"store-seed{SEED}-n{num}"


def _to_store(data: dict) -> None:
    """tokenize_to_store into a fresh directory, kept as the cached store of that size."""
    from miditok_cpp.data import tokenize_to_store

    paths = data["paths"]
    out = SCALE_DIR / f"store-tmp-{os.getpid()}"
    shutil.rmtree(out, ignore_errors=True)
    try:
        tokenize_to_store(paths, data["tok"]["miditok_cpp"], out)
        cached = _store_dir(len(paths))
        if len(paths) in (SMALL, NUM_FILES) and not cached.exists():
            out.rename(cached)
    finally:
        shutil.rmtree(out, ignore_errors=True)


def _tokenize_dataset(data: dict) -> None:
    import warnings

    out = SCALE_DIR / f"json-tmp-{os.getpid()}"
    shutil.rmtree(out, ignore_errors=True)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            data["tok"]["miditok"].tokenize_dataset(data["sample"], out, verbose=False)
    finally:
        shutil.rmtree(out, ignore_errors=True)


def _prepare_tokenize(num: int):
    def prepare() -> dict:
        import miditok  # noqa: F401

        import miditok_cpp.data  # noqa: F401

        paths = corpus_paths(num)
        return {
            "paths": paths,
            "sample": [Path(p) for p in paths[::SAMPLE_STEP]],  # miditok wants Path objects
            "tok": {lib: _tokenizer(lib) for lib in ("miditok_cpp", "miditok")},
        }

    return prepare


def _warmup(data: dict) -> dict:
    return {**data, "paths": data["paths"][:20], "sample": data["sample"][:20]}


def _prepare_loader(num: int):
    def prepare() -> dict:
        import miditok_cpp.pytorch_data  # noqa: F401
        import torch  # noqa: F401

        store = _store_dir(num)
        if not store.exists():  # made by the tokenize_to_store cases; built here otherwise
            _to_store(
                {"paths": corpus_paths(num), "tok": {"miditok_cpp": _tokenizer("miditok_cpp")}}
            )
        return {"store": store, "tok": _tokenizer("miditok_cpp")}

    return prepare


def _tokens_epoch(data: dict) -> None:
    from miditok_cpp.pytorch_data import DatasetTokens

    tok = data["tok"]
    ds = DatasetTokens(data["store"], MAX_SEQ_LEN, tok["BOS_None"], tok["EOS_None"])
    data["batches"] = _epoch(ds, tok.pad_token_id)


def cases(corpus: dict[str, list[Path]]) -> list[Case]:
    del corpus  # this topic has its own corpus
    files = lambda data: (float(len(data["paths"])), "files")  # noqa: E731
    batches = lambda data: (float(data["batches"]), "batches")  # noqa: E731
    return [
        Case(
            name=f"tokenize_to_store, {NUM_FILES:,} generated files, files/s "
            f"(peer timed on every {SAMPLE_STEP}th file, {NUM_FILES // SAMPLE_STEP:,}, "
            f"time x{SAMPLE_STEP})",
            peer="miditok tokenize_dataset (JSON token files)",
            prepare=_prepare_tokenize(NUM_FILES),
            ours=_to_store,
            theirs=_tokenize_dataset,
            work=files,
            single_run=True,
            warmup=_warmup,
            peer_scale=float(SAMPLE_STEP),
        ),
        Case(
            name=f"tokenize_to_store peak RSS, {SMALL:,} generated files (vs the "
            f"{NUM_FILES:,}-file row), files/s",
            peer="- (compare the peak with the 100,000-file row)",
            prepare=_prepare_tokenize(SMALL),
            ours=_to_store,
            theirs=None,
            work=files,
            single_run=True,
            warmup=_warmup,
        ),
        *(
            Case(
                name=f"DataLoader epoch, DatasetTokens over the {num:,}-file store, batches/s",
                peer="- (compare the peaks of the 10,000- and 100,000-file stores)",
                prepare=_prepare_loader(num),
                ours=_tokens_epoch,
                theirs=None,
                work=batches,
                repeat=1,
            )
            for num in (SMALL, NUM_FILES)
        ),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description="peak RSS of tokenize_to_store, this process")
    parser.add_argument("--rss", type=int, required=True, help="files to tokenize")
    args = parser.parse_args()
    from miditok_cpp.data import tokenize_to_store

    paths = corpus_paths(args.rss)
    tok = _tokenizer("miditok_cpp")
    before = _read_status("VmHWM")
    out = SCALE_DIR / f"store-rss-{os.getpid()}"
    try:
        report = tokenize_to_store(paths, tok, out)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    hwm = _read_status("VmHWM")
    print(
        f"{args.rss} files, {report['tokens']} tokens: VmHWM {hwm / 2**20:.1f} MiB "
        f"(before the call {before / 2**20:.1f} MiB)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
