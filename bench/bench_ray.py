"""miditok_cpp.ray.tokenize_files on a real local Ray cluster: 2 UDF workers against 1, into a
token store (files/s; the scaling of our Ray path, the peer being the same call with 1 worker).

The cluster is a head node and a worker node of 1 CPU each (two ``ray start`` processes of this
machine, :class:`miditok_cpp.ray._local_cluster.LocalCluster`), already up: its start is not
timed. 1 worker = ``concurrency=1`` (one actor, 1 CPU); 2 workers = ``concurrency=2`` (one actor
per node). Each call is timed from ``tokenize_files`` to its return (read, encode, part stores,
the driver's merge) and writes a fresh store. The corpus is the first N files of the scale
corpus (``scripts/generate_corpus.py --seed 0``, cached by bench_scale): Ray's fixed cost per
call (actor start, planning) is seconds, so the run must be long enough for the work to count.

Not in the default run (minutes). On a shared machine run the alternating comparison, which
times 1 and 2 workers in turns on one cluster and prints each run's load average:

    PYTHONPATH=python:. .venv/bin/python -m bench.bench_ray --files 20000 --rounds 3

``python -m bench.run ray`` gives the table row (each side its own process and cluster).
"""

from __future__ import annotations

import argparse
import atexit
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.harness import Case

RUN_BY_DEFAULT = False  # minutes of CPU: `python -m bench.run ray` or the alternating main
NUM_FILES = 20_000
BATCH_SIZE = 256


def _stop(cluster) -> None:
    """Stops the cluster with stdout sent to stderr: the side's last stdout line is its JSON."""
    sys.stdout.flush()
    os.dup2(2, 1)
    cluster.__exit__(None, None, None)


def _prepare(num: int):
    def prepare() -> dict:
        from bench.bench_scale import corpus_paths
        from bench.bench_store import _tokenizer
        from miditok_cpp.ray import tokenize_files  # noqa: F401 - imported before the baseline
        from miditok_cpp.ray._local_cluster import LocalCluster

        paths = corpus_paths(num)
        cluster = LocalCluster(workers=1)
        cluster.__enter__()
        atexit.register(_stop, cluster)
        out = Path(tempfile.mkdtemp(prefix="bench-ray-"))
        atexit.register(shutil.rmtree, out, True)
        return {"paths": paths, "tok": _tokenizer("miditok_cpp"), "out": out, "runs": [0]}

    return prepare


def _tokenize(data: dict, workers: int, paths: list[str] | None = None) -> float:
    """One tokenize_files call into a fresh store (removed after); its seconds."""
    from miditok_cpp.ray import tokenize_files

    paths = data["paths"] if paths is None else paths
    data["runs"][0] += 1
    target = data["out"] / f"store-{workers}-{data['runs'][0]}"
    start = time.perf_counter()
    report = tokenize_files(paths, data["tok"], target, batch_size=BATCH_SIZE, concurrency=workers)
    seconds = time.perf_counter() - start
    assert report["files"] == len(paths), report
    shutil.rmtree(target)
    return seconds


def _machine_jiffies() -> tuple[int, int]:
    """(busy, total) CPU time of the whole machine so far (/proc/stat), every process's."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle, iowait
    return sum(fields) - idle, sum(fields)


def _udf_cpu_seconds() -> float:
    """The CPU time of the UDF calls of the last tokenize_files (Ray Data's operator stats)."""
    dataset = _LAST_DATASET[-1]
    match = re.search(r"Remote cpu time:.* ([0-9.]+)(ms|s) total", dataset.stats())
    assert match, dataset.stats()
    return float(match[1]) / (1000 if match[2] == "ms" else 1)


_LAST_DATASET: list = []


def _keep_datasets() -> None:
    """Keeps the mapped Dataset of each call, for its stats (the bench's hook, not the API)."""
    from miditok_cpp.ray import _tokenize

    mapper = _tokenize._Job.map

    def keep(self, *args, **kwargs):
        mapped = mapper(self, *args, **kwargs)
        _LAST_DATASET[:] = [mapped]
        return mapped

    _tokenize._Job.map = keep  # type: ignore[method-assign]


def _run(workers: int):
    def run(data: dict) -> None:
        _tokenize(data, workers)

    return run


def cases(corpus: dict[str, list[Path]]) -> list[Case]:
    del corpus  # the scale corpus (bench_scale), large enough for the work to count
    return [
        Case(
            name=f"Ray tokenize_files, {NUM_FILES:,} generated files, 2 workers vs 1 (local "
            "cluster: head + worker node, 1 CPU each), files/s",
            peer="the same tokenize_files with 1 Ray worker",
            prepare=_prepare(NUM_FILES),
            ours=_run(2),
            theirs=_run(1),
            work=lambda data: (float(len(data["paths"])), "files"),
            repeat=1,
        )
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description="1 vs 2 Ray workers in turns, one cluster")
    parser.add_argument("--files", type=int, default=NUM_FILES)
    parser.add_argument("--rounds", type=int, default=3, help="runs of each worker count")
    args = parser.parse_args()
    data = _prepare(args.files)()
    _keep_datasets()
    for workers in (1, 2):  # warm-up: the workers' imports, the page cache of the files
        _tokenize(data, workers, data["paths"][:512])
    times: dict[int, list[float]] = {1: [], 2: []}
    for r in range(args.rounds):
        for workers in (1, 2) if r % 2 == 0 else (2, 1):
            load = os.getloadavg()
            busy, total = _machine_jiffies()
            seconds = _tokenize(data, workers)
            busy2, total2 = _machine_jiffies()
            idle = 1 - (busy2 - busy) / max(total2 - total, 1)
            udf_cpu = _udf_cpu_seconds()
            times[workers].append(seconds)
            print(
                f"round {r} workers {workers}: {seconds:.2f} s, "
                f"{args.files / seconds:,.0f} files/s; UDF CPU {udf_cpu:.1f} s "
                f"({udf_cpu / args.files * 1e3:.2f} ms/file, {udf_cpu / seconds:.2f} cores); "
                f"machine idle {idle:.0%}; load average before "
                f"{load[0]:.1f} {load[1]:.1f} {load[2]:.1f}, after {os.getloadavg()[0]:.1f}",
                flush=True,
            )
    med = {w: statistics.median(t) for w, t in times.items()}
    best = {w: min(t) for w, t in times.items()}
    print(
        f"{args.files:,} files, {args.rounds} rounds: median 1 worker {med[1]:.2f} s, "
        f"2 workers {med[2]:.2f} s: {med[1] / med[2]:.2f}x; best {best[1]:.2f} s vs "
        f"{best[2]:.2f} s: {best[1] / best[2]:.2f}x"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
