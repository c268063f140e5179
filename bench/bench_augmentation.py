"""augment_dataset vs MidiTok's on the same MIDI files (MidiTok's test offsets, all combinations).

Each case copies its input files into a temporary directory (not timed) and augments it into an
output directory; both sides write the same files (checked by tests/python/
test_conformance_augmentation.py). MidiTok runs with its default process pool, or one worker.
"""

from __future__ import annotations

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
        data = root / "data"
        data.mkdir()
        for i, f in enumerate(files):
            shutil.copy(f, data / f"{i:05d}_{f.name}")
        return {"data": data, "out": root / "out", "n": len(files)}

    return prepare


def _ours(workers: int | None):
    def run(d: dict) -> None:
        from miditok_cpp.data_augmentation import augment_dataset

        augment_dataset(d["data"], out_path=d["out"], parallel_workers_size=workers, **OFFSETS)

    return run


def _theirs(workers: int | None):
    def run(d: dict) -> None:
        import warnings

        from miditok.data_augmentation import augment_dataset

        kwargs = {} if workers is None else {"parallel_workers_size": workers}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            augment_dataset(d["data"], out_path=d["out"], **kwargs, **OFFSETS)

    return run


def _work(d: dict) -> tuple[float, str]:
    return float(d["n"]), "files"


def cases(corpus: dict[str, list[Path]]) -> list[Case]:
    """augment_dataset on the shared corpus and on 200 generated files, default and 1 worker."""
    out = []
    inputs = [("shared", corpus.get("shared", []))]
    if corpus.get("generated"):
        inputs.append(("generated[:200]", corpus["generated"][:200]))
    for label, files in inputs:
        if not files:
            continue
        for workers, tag in ((None, "default workers"), (1, "1 worker")):
            out.append(
                Case(
                    name=f"augment_dataset {label} ({len(files)} files, 23 offsets each, {tag})",
                    peer="miditok",
                    prepare=_prepare(files),
                    ours=_ours(workers),
                    theirs=_theirs(workers),
                    work=_work,
                    repeat=2,
                )
            )
    return out
