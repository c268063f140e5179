"""augment_dataset vs MidiTok's on the same MIDI files (MidiTok's test offsets, all combinations).

Each case copies its input files into a directory of its own (not timed); both sides write the same
files (tests/python/test_conformance_augmentation.py), under MIDITOK_BENCH_WRITE_DIR
(bench/write_dirs.py), whose file system the rows name. Two kinds of rows:
- "into a new directory": every run (warm-up included) augments into a new output directory,
  as a user augmenting a dataset does; nothing is deleted until the bench run ends;
- "rewriting its outputs": the warm-up creates the outputs and every timed run writes the same
  files again (MidiTok truncates and rewrites each in place; we replace each whole, through the
  inode the previous output leaves: file_io's SpareInodes).
MidiTok runs with its default process pool, or one worker. The generated-corpus cases take the
first MIDITOK_BENCH_AUG_GENERATED files (default 200).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from bench import write_dirs
from bench.harness import Case

OFFSETS = {
    "pitch_offsets": [-2, 1, 2],
    "velocity_offsets": [-4, 5],
    "duration_offsets": [-0.5, 1],
    "all_offset_combinations": True,
}


def _prepare(files: list[Path], fresh: bool):
    def prepare() -> dict:
        data = write_dirs.new_dir("augment_in_")
        for i, f in enumerate(files):
            shutil.copy(f, data / f"{i:05d}_{f.name}")
        out = None if fresh else write_dirs.new_dir("augment_rewrite_")
        return {"data": data, "out": out, "n": len(files)}

    return prepare


def _out(d: dict) -> Path:
    """The output directory of a run: a new one, or the rewrite case's."""
    return d["out"] or write_dirs.new_dir("augment_out_")


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
    where = write_dirs.fs_label()
    for label, files in inputs:
        if not files:
            continue
        kinds = [
            (None, "default workers", True),
            (1, "1 worker", True),
            (None, "default workers", False),
        ]
        for workers, tag, fresh in kinds:
            target = "into a new directory" if fresh else "rewriting its outputs"
            out.append(
                Case(
                    name=f"augment_dataset {label} ({len(files)} files, <=35 offsets each, {tag}) "
                    f"{target} on {where}",
                    peer="miditok",
                    prepare=_prepare(files, fresh),
                    ours=_ours(workers),
                    theirs=_theirs(workers),
                    work=_work,
                    repeat=5,
                )
            )
    return out
