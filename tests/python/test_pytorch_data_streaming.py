"""DatasetMIDIStream over files and WebDataset tar shards: every item exactly once per epoch over
ranks and DataLoader workers, the items of DatasetMIDI, a seeded order per epoch, and resuming."""

from __future__ import annotations

import tarfile
from pathlib import Path

import pytest
from conftest import corpus_files
from torch.utils.data import DataLoader

import miditok_cpp
from miditok_cpp.pytorch_data import DatasetMIDI, DatasetMIDIStream

BATCH = 3


def _tokenizer() -> miditok_cpp.REMI:
    return miditok_cpp.REMI(miditok_cpp.TokenizerConfig(use_programs=True))


def _files() -> list[Path]:
    return (corpus_files("one_track") + corpus_files("multitrack"))[:16]


def _tars(tmp_path: Path) -> list[Path]:
    """Two WebDataset shards of the files (<key>.mid members, plus a non-MIDI member)."""
    files = _files()
    out = []
    for s, part in enumerate((files[:9], files[9:])):
        out.append(tmp_path / f"shard-{s}.tar")
        with tarfile.open(out[-1], "w") as tar:
            for f in part:
                tar.add(f, arcname=f"{f.stem}.mid")
                tar.add(f, arcname=f"{f.stem}.json")  # other members are ignored
    return out


def _ids(batch: list) -> list:
    return [None if x["input_ids"] is None else tuple(x["input_ids"].tolist()) for x in batch]


def _epoch(ds: DatasetMIDIStream, num_workers: int) -> list:
    loader = DataLoader(ds, batch_size=BATCH, collate_fn=_ids, num_workers=num_workers)
    return [t for batch in loader for t in batch]


def _expected() -> list:
    ds = DatasetMIDI(_files(), _tokenizer(), 64, 1, 2)
    return sorted(tuple(ds[i]["input_ids"].tolist()) for i in range(len(ds)))


@pytest.mark.parametrize("num_workers", [0, 2])
@pytest.mark.parametrize("tars", [False, True])
def test_each_item_once_per_epoch(tmp_path, corpus, num_workers, tars):
    sources = _tars(tmp_path) if tars else _files()
    ds = DatasetMIDIStream(sources, _tokenizer(), 64, 1, 2, seed=5, block_size=BATCH)
    epochs = []
    for epoch in range(2):
        ds.set_epoch(epoch)
        epochs.append(_epoch(ds, num_workers))
        assert sorted(epochs[-1]) == _expected(), f"epoch {epoch}: missing or repeated items"
    assert epochs[0] != epochs[1]  # reshuffled
    again = DatasetMIDIStream(sources, _tokenizer(), 64, 1, 2, seed=5, block_size=BATCH)
    assert _epoch(again, num_workers) == epochs[0]  # seeded
    if num_workers:  # blocks of batch_size: the workers' batches come out in the order itself
        assert epochs[0] == _epoch(again, 0)


@pytest.mark.parametrize("num_workers", [0, 2])
def test_ranks_split_the_items(tmp_path, corpus, num_workers):
    seen = []
    for rank in range(2):
        ds = DatasetMIDIStream(_tars(tmp_path), _tokenizer(), 64, 1, 2, rank=rank, world_size=2)
        items = _epoch(ds, num_workers)
        assert len(items) == len(ds)
        seen += items
    assert sorted(seen) == _expected()


@pytest.mark.parametrize("num_workers", [0, 2])
def test_resume_from_state_dict(tmp_path, corpus, num_workers):
    sources = _tars(tmp_path)
    ds = DatasetMIDIStream(sources, _tokenizer(), 64, 1, 2, seed=1, block_size=BATCH)
    ds.set_epoch(3)
    full = _epoch(ds, num_workers)
    ds.set_epoch(3)
    loader = DataLoader(ds, batch_size=BATCH, collate_fn=_ids, num_workers=num_workers)
    consumed = []
    for k, batch in enumerate(loader):
        consumed += batch
        if k == 2:
            break
    state = ds.state_dict() if num_workers == 0 else ds.state_dict(position=3 * BATCH)
    assert state == {"epoch": 3, "seed": 1, "position": 3 * BATCH}
    resumed = DatasetMIDIStream(sources, _tokenizer(), 64, 1, 2, seed=0, block_size=BATCH)
    resumed.load_state_dict(state)
    assert consumed + _epoch(resumed, num_workers) == full


def test_unreadable_member_gives_none(tmp_path, corpus):
    bad = corpus_files("corrupted")[0]
    with tarfile.open(tmp_path / "bad.tar", "w") as tar:
        tar.add(bad, arcname="bad.mid")
        tar.add(_files()[0], arcname="good.mid")
    ds = DatasetMIDIStream([tmp_path / "bad.tar"], _tokenizer(), 64, shuffle=False)
    with pytest.warns(UserWarning, match="bad.mid"):
        items = _epoch(ds, 0)
    assert items[0] is None and items[1] is not None
