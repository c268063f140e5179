"""augment_dataset vs MidiTok's on the same MIDI files (MidiTok's test offsets, all combinations).

Each case copies its input files into a temporary directory (not timed) and augments them into an
output directory on disk; both sides write the same files (tests/python/
test_conformance_augmentation.py). The warm-up run creates the output files and the timed runs
write them again (MidiTok truncates and rewrites each file; we overwrite it in place). With
MIDITOK_BENCH_AUG_FRESH=1 every run writes into a new directory instead, which measures file
creation too, but on ext4 creating files is then up to 100x slower for 30 s after many files were
deleted anywhere in the same block group (the inode allocator skips recently freed inodes), so on a
shared machine those figures mostly measure the other processes. The temporary directory is removed
when the side's process exits. MidiTok runs with its default process pool, or one worker. The
generated-corpus case takes the first MIDITOK_BENCH_AUG_GENERATED files (default 200).
"""

from __future__ import annotations

import atexit
import itertools
import os
import shutil
import tempfile
from pathlib import Path

from bench.harness import Case

OFFSETS = {
    "pitch_offsets": [-2, 1, 2],
    "velocity_offsets": [-4, 5],
    "duration_offsets": [-0.5, 1],
    "all_offset_combinations": True,
}


def _prepare(files: list[Path]):
    def prepare() -> dict:
        root = Path(tempfile.mkdtemp(prefix="bench_aug_"))
        atexit.register(shutil.rmtree, root, True)
        data = root / "data"
        data.mkdir()
        for i, f in enumerate(files):
            shutil.copy(f, data / f"{i:05d}_{f.name}")
        return {"data": data, "out": root / "out", "n": len(files), "runs": itertools.count()}

    return prepare


def _out(d: dict) -> Path:
    """The output directory of a run: the same one, or a new one with MIDITOK_BENCH_AUG_FRESH=1."""
    if os.environ.get("MIDITOK_BENCH_AUG_FRESH") == "1":
        return d["out"] / f"run{next(d['runs'])}"
    return d["out"]


def _ours(workers: int | None):
    def run(d: dict) -> None:
        from miditok_cpp.data_augmentation import augment_dataset

        augment_dataset(d["data"], out_path=_out(d), parallel_workers_size=workers, **OFFSETS)

    return run


def _theirs(workers: int | None):
    def run(d: dict) -> None:
        import warnings

        from miditok.data_augmentation import augment_dataset

        kwargs = {} if workers is None else {"parallel_workers_size": workers}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            augment_dataset(d["data"], out_path=_out(d), **kwargs, **OFFSETS)

    return run


def _work(d: dict) -> tuple[float, str]:
    return float(d["n"]), "files"


def cases(corpus: dict[str, list[Path]]) -> list[Case]:
    """augment_dataset on the shared corpus and on generated files, default and 1 worker."""
    out = []
    inputs = [("shared", corpus.get("shared", []))]
    num_generated = int(os.environ.get("MIDITOK_BENCH_AUG_GENERATED", "200"))
    if corpus.get("generated") and num_generated > 0:
        inputs.append(("generated", corpus["generated"][:num_generated]))
    for label, files in inputs:
        if not files:
            continue
        for workers, tag in ((None, "default workers"), (1, "1 worker")):
            out.append(
                Case(
                    name=f"augment_dataset {label} ({len(files)} files, <=35 offsets each, {tag})",
                    peer="miditok",
                    prepare=_prepare(files),
                    ours=_ours(workers),
                    theirs=_theirs(workers),
                    work=_work,
                    repeat=5,
                )
            )
    return out
