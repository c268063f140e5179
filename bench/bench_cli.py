"""The miditok-cpp command-line tool: `tokenize` over the generated corpus into token JSON files.

Cases (generated files only; the seed's REMI config saved as a params file):
- the CLI (every core) against miditok's `tokenize_dataset` (its default worker processes) on the
  same files; the CLI's peak is its process's whole peak RSS (VmHWM, polled every 5 ms until it
  exits: getrusage's children maxrss would count the forking Python process), miditok's the
  growth of its main process (its worker processes are not in it);
- scaling: the CLI on 2 threads, the "peer" the CLI on 1 thread;
- memory flat in the number of files: the CLI on every file, the "peer" the CLI on the first 500
  (the memory column is the ratio of the two peaks; the speed column only the time ratio);
- rewriting: the CLI against tokenize_dataset again, each side's warm-up writing every output
  file first and the timed run writing them again (MidiTok truncates each in place; we replace
  each whole, through the inode the previous output leaves).
Every other run writes into a new directory under MIDITOK_BENCH_WRITE_DIR (bench/write_dirs.py),
whose file system the rows name; nothing is deleted until the bench run ends.
"""

from __future__ import annotations

import os
import subprocess
import time
import warnings
from pathlib import Path

from bench import write_dirs
from bench.harness import ROOT, Case

SEED = {"num_velocities": 16, "use_chords": True, "use_programs": True}
CLI = Path(os.environ.get("MIDITOK_CLI", ROOT / "build" / "dev" / "apps" / "miditok-cpp"))
SMALL = 500


def _prepare(paths: list[Path], rewrite: bool = False):
    def prepare():
        import miditok_cpp

        work = write_dirs.new_dir("cli_")
        params = work / "tokenizer.json"
        miditok_cpp.REMI(miditok_cpp.TokenizerConfig(**SEED)).save(params)
        return {"paths": paths, "params": params, "out": work / "out" if rewrite else None}

    return prepare


def _out(data) -> Path:
    """The run's output directory: the rewrite case's, or a new one."""
    return data["out"] or write_dirs.new_dir("cli_out_")


_PEAK = [0]  # VmHWM of the last CLI run, bytes


def _vm_hwm(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _cli(data, threads: int = 0, limit: int | None = None) -> None:
    paths = data["paths"][:limit] if limit else data["paths"]
    args = [CLI, "tokenize", "-p", data["params"], "-o", _out(data), "--progress", "none",
            "--threads", str(threads), *paths]  # fmt: skip
    child = subprocess.Popen(args, stdout=subprocess.DEVNULL)
    peak = 0
    while child.poll() is None:  # until it is reaped, /proc/pid holds the exec'd tool's peak
        peak = max(peak, _vm_hwm(child.pid))
        time.sleep(0.005)
    if child.returncode != 0:
        raise subprocess.CalledProcessError(child.returncode, args)
    _PEAK[0] = peak


def _cli_peak() -> int:
    return _PEAK[0]


def _miditok(data) -> None:
    import miditok

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tokenizer = miditok.REMI(params=data["params"])
        tokenizer.tokenize_dataset(data["paths"], _out(data), verbose=False)


def _warmup(data):
    return {**data, "paths": data["paths"][:20]}


def _files(data) -> tuple[float, str]:
    return float(len(data["paths"])), "files"


def _one_run(data) -> tuple[float, str]:
    return 1.0, "run"


def cases(corpus: dict[str, list[Path]]) -> list[Case]:
    paths = corpus["generated"]
    if not paths:
        return []
    n = len(paths)
    where = write_dirs.fs_label()
    return [
        Case(
            name=f"CLI tokenize, {n} generated files -> token JSON files in a new directory on "
            f"{where}, files/s",
            peer="miditok tokenize_dataset (default worker processes)",
            prepare=_prepare(paths),
            ours=_cli,
            theirs=_miditok,
            work=_files,
            single_run=True,
            warmup=_warmup,
            child_peak=_cli_peak,
        ),
        Case(
            name=f"CLI tokenize scaling, {n} generated files, --threads 2 (peer: --threads 1)",
            peer="miditok-cpp tokenize --threads 1",
            prepare=_prepare(paths),
            ours=lambda data: _cli(data, threads=2),
            theirs=lambda data: _cli(data, threads=1),
            work=_files,
            single_run=True,
            warmup=_warmup,
            child_peak=_cli_peak,
        ),
        Case(
            name=f"CLI tokenize peak memory, {n} generated files (peer: the first {SMALL})",
            peer=f"miditok-cpp tokenize on {SMALL} files",
            prepare=_prepare(paths),
            ours=_cli,
            theirs=lambda data: _cli(data, limit=SMALL),
            work=_one_run,
            single_run=True,
            warmup=_warmup,
            child_peak=_cli_peak,
        ),
        Case(
            name=f"CLI tokenize, {n} generated files -> token JSON files rewriting the outputs "
            f"on {where}, files/s",
            peer="miditok tokenize_dataset (default worker processes)",
            prepare=_prepare(paths, rewrite=True),
            ours=_cli,
            theirs=_miditok,
            work=_files,
            single_run=True,
            warmup=lambda data: data,  # the warm-up writes every output first
            child_peak=_cli_peak,
        ),
    ]
