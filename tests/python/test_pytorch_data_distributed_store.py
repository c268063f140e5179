"""Rank shares under real torch.distributed (2 gloo processes on 127.0.0.1): DatasetTokens,
DatasetMIDI(pre_tokenize=True) and DatasetMIDIStream hold or stream only their rank's share, and
the ranks together see every item exactly once per epoch."""

from __future__ import annotations

import json
import socket
import sys
from pathlib import Path

import torch.distributed as dist
import torch.multiprocessing as mp
from conftest import corpus_files
from torch.utils.data import DataLoader

import miditok_cpp
from miditok_cpp.data import tokenize_to_store
from miditok_cpp.pytorch_data import DatasetMIDI, DatasetMIDIStream, DatasetTokens

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _tuples(batch: list) -> list:
    return [tuple(item["input_ids"].tolist()) for item in batch]


def _tokenizer() -> miditok_cpp.REMI:
    return miditok_cpp.REMI(miditok_cpp.TokenizerConfig(use_programs=True))


def _worker(rank: int, port: int, files: list[str], store: str, out_dir: str) -> None:
    sys.path[:0] = [str(ROOT / "python")]
    dist.init_process_group("gloo", init_method=f"tcp://127.0.0.1:{port}", rank=rank, world_size=2)
    datasets = {
        "tokens": DatasetTokens(store, 64, 1, 2, split_by_rank=True),
        "midi": DatasetMIDI(files, _tokenizer(), 64, 1, 2, pre_tokenize=True, split_by_rank=True),
        "stream": DatasetMIDIStream(files, _tokenizer(), 64, 1, 2, seed=2, block_size=2),
    }
    seen = {"len_midi": len(datasets["midi"])}
    for name, ds in datasets.items():
        for epoch in range(2):
            if hasattr(ds, "set_epoch"):
                ds.set_epoch(epoch)
            loader = DataLoader(ds, batch_size=2, collate_fn=_tuples, num_workers=2 * epoch)
            seen[f"{name}{epoch}"] = [list(t) for batch in loader for t in batch]
    dist.barrier()
    dist.destroy_process_group()
    Path(out_dir, f"rank{rank}.json").write_text(json.dumps(seen))


def test_rank_shares_two_gloo_processes(tmp_path, corpus):
    files = (corpus_files("one_track") + corpus_files("multitrack"))[:9]
    tokenize_to_store(files, _tokenizer(), tmp_path / "store")
    mp.spawn(
        _worker,
        args=(_free_port(), [str(f) for f in files], str(tmp_path / "store"), str(tmp_path)),
        nprocs=2, join=True,
    )  # fmt: skip
    ranks = [json.loads((tmp_path / f"rank{r}.json").read_text()) for r in range(2)]
    whole = DatasetMIDI(files, _tokenizer(), 64, 1, 2, pre_tokenize=True)
    expected = sorted(tuple(whole[i]["input_ids"].tolist()) for i in range(len(whole)))
    assert sorted(r["len_midi"] for r in ranks) == [4, 5]  # each rank pre-tokenized its share
    for name in ("tokens", "midi", "stream"):
        for epoch in (0, 1):  # num_workers 0, then 2
            got = sorted(tuple(s) for r in ranks for s in r[f"{name}{epoch}"])
            assert got == expected, f"{name}, epoch {epoch}: items missing or seen twice"
    assert ranks[0]["stream0"] != ranks[0]["stream1"]  # reshuffled per epoch
