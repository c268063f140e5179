"""The PyTorch data pipeline against miditok 3.1.0 on the same files, with the seed's tokenizer
(REMI, 16 velocities, chords, programs): a DataLoader epoch over an on-the-fly DatasetMIDI
(batches/s), pre-tokenizing a DatasetMIDI (files/s) and split_files_for_training (files/s), on the
shared corpus and on the generated one (``bench.run --generated N``).

Memory. Each side imports torch and its library and builds its tokenizer before the harness
takes its baseline, so a peak is the operation's own. miditok pre-tokenizes in worker processes
(process_map) by default, whose memory the harness (which reads the parent's peak RSS) cannot
see: the default-workers row is for speed only, and a second row forces one worker on both sides
(miditok then tokenizes in the parent process; ours runs on one thread) for comparable peaks.
The size of a pre-tokenized dataset is measured apart, by ``python -m bench.bench_data
--sample-bytes [--generated N]``: the bytes of the samples each dataset keeps (ours: one flat
id buffer bit-packed at the fewest bits holding every id + bit-packed offsets; miditok: one
int64 LongTensor per sample) and the RSS it retains (which counts miditok's per-tensor objects).
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

from bench import write_dirs
from bench.harness import Case

MAX_SEQ_LEN = 1024
BATCH_SIZE = 16


def _tokenizer(lib: str):
    import importlib

    mod = importlib.import_module(lib)
    return mod.REMI(mod.TokenizerConfig(num_velocities=16, use_chords=True, use_programs=True))


def _side(data: dict, lib: str) -> dict:
    """The data of one side: the paths, the worker count and that library's tokenizer."""
    return data[lib]


def _prepare(paths, workers: int | None = None):
    """Inputs of both sides, built before the baseline: torch and both libraries imported, both
    tokenizers built (the harness does not tell prepare which side it runs)."""

    def prepare() -> dict:
        import importlib

        import torch  # noqa: F401 - imported before the baseline

        resolved = [p.resolve() for p in paths]
        data = {}
        for lib in ("miditok_cpp", "miditok"):
            importlib.import_module(f"{lib}.pytorch_data")
            tok = _tokenizer(lib)
            data[lib] = {"paths": resolved, "workers": workers, "tok": tok, "lib": lib}
        return data

    return prepare


def _dataset(data: dict, pre_tokenize: bool):
    if data["lib"] == "miditok_cpp":
        from miditok_cpp.pytorch_data import DatasetMIDI
    else:
        from miditok.pytorch_data import DatasetMIDI
    tok = data["tok"]
    workers = {} if data.get("workers") is None else {"parallel_workers_size": data["workers"]}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return DatasetMIDI(
            data["paths"], tok, MAX_SEQ_LEN, bos_token_id=tok["BOS_None"],
            eos_token_id=tok["EOS_None"], pre_tokenize=pre_tokenize, **workers,
        )  # fmt: skip


def _loader_epoch(data: dict) -> None:
    from torch.utils.data import DataLoader

    if data["lib"] == "miditok_cpp":
        from miditok_cpp.pytorch_data import DataCollator
    else:
        from miditok.pytorch_data import DataCollator
    ds = _dataset(data, pre_tokenize=False)
    collator = DataCollator(data["tok"].pad_token_id, copy_inputs_as_labels=True)
    data["batches"] = sum(1 for _ in DataLoader(ds, batch_size=BATCH_SIZE, collate_fn=collator))


def _pre_tokenize(data: dict) -> None:
    data["dataset"] = None  # the previous run's dataset is freed first
    data["dataset"] = _dataset(data, pre_tokenize=True)


def _split(data: dict) -> None:
    """One split into a new directory under MIDITOK_BENCH_WRITE_DIR (bench/write_dirs.py): what a
    user does; the chunks are deleted only when the bench run ends, out of every timed window."""
    if data["lib"] == "miditok_cpp":
        from miditok_cpp.utils import split_files_for_training
    else:
        from miditok.utils import split_files_for_training
    split_files_for_training(data["paths"], data["tok"], write_dirs.new_dir("split_"), MAX_SEQ_LEN)


def _batches(data: dict) -> tuple[float, str]:
    return float(-(-len(data["miditok"]["paths"]) // BATCH_SIZE)), "batches"


def _files(data: dict) -> tuple[float, str]:
    return float(len(data["miditok"]["paths"])), "files"


def cases(corpus: dict[str, list[Path]]) -> list[Case]:
    out: list[Case] = []
    for label, paths in (("shared", corpus["shared"]), ("generated", corpus["generated"])):
        if not paths:
            continue
        n = len(paths)
        repeat = 3 if label == "shared" else 1

        def case(name, peer, fn, work, workers=None, paths=paths, repeat=repeat):
            return Case(
                name=name,
                peer=peer,
                prepare=_prepare(paths, workers),
                ours=lambda data: fn(_side(data, "miditok_cpp")),
                theirs=lambda data: fn(_side(data, "miditok")),
                work=work,
                repeat=repeat,
            )

        out += [
            case(
                f"DataLoader epoch, on-the-fly DatasetMIDI, {n} {label} files, batches/s",
                "miditok DatasetMIDI + DataCollator",
                _loader_epoch,
                _batches,
            ),
            case(
                f"DatasetMIDI pre_tokenize, {n} {label} files, default workers, files/s "
                "(speed only: miditok's worker processes are not in its peak)",
                "miditok DatasetMIDI(pre_tokenize=True), process_map workers",
                _pre_tokenize,
                _files,
            ),
            case(
                f"DatasetMIDI pre_tokenize, {n} {label} files, 1 worker, files/s "
                "(comparable peaks: one process each)",
                "miditok DatasetMIDI(pre_tokenize=True, parallel_workers_size=1)",
                _pre_tokenize,
                _files,
                workers=1,
            ),
            case(
                f"split_files_for_training, {n} {label} files into a new directory "
                f"on {write_dirs.fs_label()}, files/s",
                "miditok.utils.split_files_for_training",
                _split,
                _files,
                repeat=3,  # best of 3 on both corpora: one ~0.3 s run is at the mercy of the load
            ),
        ]
    return out


def _trim() -> None:
    """Returns the heap's free pages to the system, so RSS counts live memory only."""
    import contextlib
    import ctypes
    import gc

    gc.collect()
    with contextlib.suppress(OSError):  # not glibc
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _rss() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def sample_bytes(lib: str, paths: list[Path]) -> dict:
    """Bytes a pre-tokenized DatasetMIDI keeps for its samples, built on one worker."""
    data = _prepare(paths, workers=1)()[lib]
    _dataset(data, pre_tokenize=True)  # warm-up: code pages and one-time allocations
    _trim()
    before = _rss()
    dataset = _dataset(data, pre_tokenize=True)
    _trim()
    retained = _rss() - before
    if lib == "miditok_cpp":
        count = len(dataset._samples)
        samples = dataset._samples.nbytes
        tokens = dataset._samples.num_rows
    else:
        count = len(dataset.samples)
        samples = sum(t.element_size() * t.numel() for t in dataset.samples)
        tokens = sum(t.numel() for t in dataset.samples)
    return {"samples": count, "tokens": tokens, "sample_bytes": samples, "rss_retained": retained}


def _sample_bytes_main() -> None:
    """Prints the pre-tokenized dataset sizes, ours vs miditok's, each in a fresh process."""
    import argparse
    import json
    import subprocess
    import sys

    from bench.harness import ROOT
    from bench.run import corpus

    parser = argparse.ArgumentParser()
    parser.add_argument("--sample-bytes", action="store_true")
    parser.add_argument("--generated", type=int, default=0)
    parser.add_argument("--worker", nargs=2)
    args = parser.parse_args()
    files = corpus(args.generated)
    if args.worker:
        label, lib = args.worker
        print(json.dumps(sample_bytes(lib, files[label])))
        return
    for label in ("shared", "generated"):
        if not files[label]:
            continue
        sizes = {}
        for lib in ("miditok_cpp", "miditok"):
            cmd = [sys.executable, "-m", "bench.bench_data", "--generated", str(args.generated)]
            env = {**os.environ, "PYTHONPATH": f"{ROOT / 'python'}:{ROOT}"}
            out = subprocess.run(
                [*cmd, "--worker", label, lib],
                capture_output=True, text=True, check=True, cwd=ROOT, env=env,
            )  # fmt: skip
            sizes[lib] = json.loads(out.stdout.strip().splitlines()[-1])
        ours, ref = sizes["miditok_cpp"], sizes["miditok"]
        mib = 2**20
        print(
            f"{len(files[label])} {label} files, {ours['samples']} samples "
            f"({ref['samples']} miditok), {ours['tokens']:,} tokens: samples "
            f"{ours['sample_bytes'] / mib:.2f} MiB ours vs {ref['sample_bytes'] / mib:.2f} MiB "
            f"miditok tensors (ratio {ours['sample_bytes'] / ref['sample_bytes']:.3f}); RSS "
            f"retained {ours['rss_retained'] / mib:.1f} vs {ref['rss_retained'] / mib:.1f} MiB "
            f"(ratio {ours['rss_retained'] / max(ref['rss_retained'], 1):.3f})"
        )


if __name__ == "__main__":
    _sample_bytes_main()
