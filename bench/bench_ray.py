"""miditok_cpp.ray.tokenize_files on a real local Ray cluster (a head and a worker node of one
CPU each, started by each side's process): 2 UDF workers against 1, on the generated corpus,
into a token store (files/s; the scaling of our Ray path, the peer being the same call with one
worker). The cluster start is not timed; each run writes a fresh store. The peak memory column
is the driver's only (the work runs in Ray's worker processes).
"""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

from bench.harness import Case

BATCH_SIZE = 128


def _stop(cluster) -> None:
    """Stops the cluster with stdout sent to stderr: the side's last stdout line is its JSON."""
    sys.stdout.flush()
    os.dup2(2, 1)
    cluster.__exit__(None, None, None)


def _prepare(paths: list[Path]):
    def prepare() -> dict:
        import miditok_cpp
        from miditok_cpp.ray import tokenize_files  # noqa: F401 - imported before the baseline
        from miditok_cpp.ray._local_cluster import LocalCluster

        cluster = LocalCluster(workers=1)
        cluster.__enter__()
        atexit.register(_stop, cluster)
        tok = miditok_cpp.REMI(
            miditok_cpp.TokenizerConfig(num_velocities=16, use_chords=True, use_programs=True)
        )
        out = Path(tempfile.mkdtemp(prefix="bench-ray-"))
        atexit.register(shutil.rmtree, out, True)
        return {"paths": [str(p) for p in paths], "tok": tok, "out": out, "runs": [0]}

    return prepare


def _run(workers: int):
    def run(data: dict) -> None:
        from miditok_cpp.ray import tokenize_files

        data["runs"][0] += 1
        target = data["out"] / f"store-{workers}-{data['runs'][0]}"
        report = tokenize_files(
            data["paths"], data["tok"], target, batch_size=BATCH_SIZE, concurrency=workers
        )
        assert report["files"] == len(data["paths"])
        shutil.rmtree(target)

    return run


def cases(corpus: dict[str, list[Path]]) -> list[Case]:
    paths = [p.resolve() for p in corpus["generated"]]
    if not paths:
        return []
    n = len(paths)
    return [
        Case(
            name=f"Ray tokenize_files, {n} generated files, 2 workers vs 1 (local cluster: "
            "head + worker node, 1 CPU each), files/s",
            peer="the same tokenize_files with 1 Ray worker",
            prepare=_prepare(paths),
            ours=_run(2),
            theirs=_run(1),
            work=lambda data: (float(len(data["paths"])), "files"),
            repeat=2,
        )
    ]
