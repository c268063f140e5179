"""The PyTorch data pipeline against miditok 3.1.0 on the same files, with the seed's tokenizer
(REMI, 16 velocities, chords, programs): a DataLoader epoch over an on-the-fly DatasetMIDI
(batches/s), pre-tokenizing a DatasetMIDI (files/s; its peak memory is the dataset's), and
split_files_for_training (files/s)."""

from __future__ import annotations

import shutil
import tempfile
import warnings
from pathlib import Path

from bench.harness import Case

MAX_SEQ_LEN = 1024
BATCH_SIZE = 16


def _tokenizer(lib: str):
    import importlib

    mod = importlib.import_module(lib)
    return mod.REMI(mod.TokenizerConfig(num_velocities=16, use_chords=True, use_programs=True))


def _side(data: dict, lib: str) -> dict:
    """The data for one side; its tokenizer is built on the first (warm-up, untimed) call."""
    if "tok" not in data:
        data.update(tok=_tokenizer(lib), lib=lib)
    return data


def _dataset(data: dict, pre_tokenize: bool):
    if data["lib"] == "miditok_cpp":
        from miditok_cpp.pytorch_data import DatasetMIDI
    else:
        from miditok.pytorch_data import DatasetMIDI
    tok = data["tok"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return DatasetMIDI(
            data["paths"], tok, MAX_SEQ_LEN, bos_token_id=tok["BOS_None"],
            eos_token_id=tok["EOS_None"], pre_tokenize=pre_tokenize,
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
    if data["lib"] == "miditok_cpp":
        from miditok_cpp.utils import split_files_for_training
    else:
        from miditok.utils import split_files_for_training
    save_dir = Path(tempfile.mkdtemp(prefix="bench_split_"))
    try:
        split_files_for_training(data["paths"], data["tok"], save_dir, MAX_SEQ_LEN)
    finally:
        shutil.rmtree(save_dir, ignore_errors=True)


def _batches(data: dict) -> tuple[float, str]:
    return float(-(-len(data["paths"]) // BATCH_SIZE)), "batches"


def cases(corpus: dict[str, list[Path]]) -> list[Case]:
    out: list[Case] = []
    for label, paths in (("shared", corpus["shared"]), ("generated", corpus["generated"])):
        if not paths:
            continue
        n = len(paths)
        repeat = 3 if label == "shared" else 1
        out += [
            Case(
                name=f"DataLoader epoch, on-the-fly DatasetMIDI, {n} {label} files, batches/s",
                peer="miditok DatasetMIDI + DataCollator",
                prepare=lambda paths=paths: {"paths": [p.resolve() for p in paths]},
                ours=lambda data: _loader_epoch(_side(data, "miditok_cpp")),
                theirs=lambda data: _loader_epoch(_side(data, "miditok")),
                work=_batches,
                repeat=repeat,
            ),
            Case(
                name=f"DatasetMIDI pre_tokenize, {n} {label} files, files/s (memory: the dataset)",
                peer="miditok DatasetMIDI(pre_tokenize=True)",
                prepare=lambda paths=paths: {"paths": [p.resolve() for p in paths]},
                ours=lambda data: _pre_tokenize(_side(data, "miditok_cpp")),
                theirs=lambda data: _pre_tokenize(_side(data, "miditok")),
                work=lambda data: (float(len(data["paths"])), "files"),
                repeat=repeat,
            ),
            Case(
                name=f"split_files_for_training, {n} {label} files, files/s",
                peer="miditok.utils.split_files_for_training",
                prepare=lambda paths=paths: {"paths": [p.resolve() for p in paths]},
                ours=lambda data: _split(_side(data, "miditok_cpp")),
                theirs=lambda data: _split(_side(data, "miditok")),
                work=lambda data: (float(len(data["paths"])), "files"),
                repeat=repeat,
            ),
        ]
    return out
