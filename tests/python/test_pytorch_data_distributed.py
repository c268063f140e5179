"""DistributedSampler over our datasets: 2 gloo processes on 127.0.0.1, every sample seen exactly
once per epoch."""

from __future__ import annotations

import json
import socket
import sys
from pathlib import Path

import pytest
import torch.distributed as dist
import torch.multiprocessing as mp
from torch.utils.data import DataLoader, DistributedSampler

import torch

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_tuples(batch: list) -> list:
    return [tuple(item["input_ids"].tolist()) for item in batch]


def _worker(rank: int, port: int, files: list[str], pre_tokenize: bool, out_dir: str) -> None:
    sys.path[:0] = [str(ROOT / "python")]
    import miditok_cpp
    from miditok_cpp.pytorch_data import DatasetMIDI

    dist.init_process_group("gloo", init_method=f"tcp://127.0.0.1:{port}", rank=rank, world_size=2)
    tok = miditok_cpp.REMI(miditok_cpp.TokenizerConfig(use_programs=True))
    ds = DatasetMIDI([Path(f) for f in files], tok, 64, pre_tokenize=pre_tokenize)
    sampler = DistributedSampler(ds, num_replicas=2, rank=rank, shuffle=True, seed=3)
    loader = DataLoader(ds, batch_size=3, sampler=sampler, collate_fn=_as_tuples, num_workers=1)
    seen = {}
    for epoch in range(2):
        sampler.set_epoch(epoch)
        seen[epoch] = [list(t) for batch in loader for t in batch]
    dist.barrier()
    dist.destroy_process_group()
    Path(out_dir, f"rank{rank}.json").write_text(json.dumps(seen))


@pytest.mark.parametrize("pre_tokenize", [False, True])
def test_distributed_sampler_two_gloo_processes(tmp_path, corpus, pre_tokenize):
    from conftest import corpus_files

    import miditok_cpp
    from miditok_cpp.pytorch_data import DatasetMIDI

    files = (corpus_files("one_track") + corpus_files("multitrack"))[:20]  # even: no padding
    mp.spawn(
        _worker, args=(_free_port(), [str(f) for f in files], pre_tokenize, str(tmp_path)),
        nprocs=2, join=True,
    )  # fmt: skip
    tok = miditok_cpp.REMI(miditok_cpp.TokenizerConfig(use_programs=True))
    ds = DatasetMIDI(files, tok, 64, pre_tokenize=pre_tokenize)
    expected = sorted(tuple(ds[i]["input_ids"].tolist()) for i in range(len(ds)))
    ranks = [json.loads((tmp_path / f"rank{r}.json").read_text()) for r in range(2)]
    for epoch in ("0", "1"):
        got = sorted(tuple(s) for r in ranks for s in r[epoch])
        assert got == expected, f"epoch {epoch}: samples missing or seen twice"
        assert len(ranks[0][epoch]) == len(ranks[1][epoch]) == len(ds) // 2
    assert ranks[0]["0"] != ranks[0]["1"]  # reshuffled per epoch
    assert torch.distributed.is_available()
