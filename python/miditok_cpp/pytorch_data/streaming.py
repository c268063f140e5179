"""DatasetMIDIStream: an ``IterableDataset`` streaming music files or WebDataset tar shards.

The items of an epoch are put in a seeded order (``set_epoch`` changes it), dealt to the DDP
ranks (item k of the order to rank k % world_size) and, inside a rank, to the DataLoader workers
by blocks of ``block_size`` items (block b to worker b % num_workers), so that each item is seen
exactly once per epoch. With ``block_size`` equal to the DataLoader's ``batch_size`` the batches
come out in the order itself, which makes the position resumable: ``state_dict(position=n)``
after ``n`` items (batches x batch_size), then ``load_state_dict`` starts the next iteration at
item ``n`` of the same epoch.
"""

from __future__ import annotations

import os
import tarfile
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from torch.utils.data import IterableDataset, get_worker_info

import torch

from ._distributed import rank_and_world_size
from ._native import score_class, tokenize_file, tokenize_score

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

MIDI_MEMBER_SUFFIXES = (".mid", ".midi")


def _tar_members(path: str) -> list[tuple[str, int, int]]:
    """(name, data offset, size) of the MIDI members of an uncompressed tar, in tar order."""
    with tarfile.open(path, "r:") as tar:
        return [
            (m.name, m.offset_data, m.size)
            for m in tar.getmembers()
            if m.isfile() and m.name.lower().endswith(MIDI_MEMBER_SUFFIXES)
        ]


class DatasetMIDIStream(IterableDataset):
    r"""
    Music files, or tar shards of MIDI files (``<key>.mid`` members), tokenized as they stream.

    Each item is ``{"input_ids": LongTensor}`` as DatasetMIDI gives it on the fly (one token
    stream per file, cut to ``max_seq_len`` with BOS/EOS after the chunk markers). An unreadable
    file gives ``{"input_ids": None}`` (the DataCollator drops it) and one warning, so that every
    position of the order yields one item.

    :param sources: paths of music files and/or ``.tar`` shards.
    :param tokenizer: tokenizer.
    :param max_seq_len: maximum sequence length, BOS/EOS included.
    :param bos_token_id: BOS token id. (default: None)
    :param eos_token_id: EOS token id. (default: None)
    :param shuffle: shuffle the items each epoch (seeded by ``seed`` and the epoch).
    :param seed: seed of the shuffle.
    :param block_size: items a DataLoader worker takes in a row (use the loader's batch_size).
    :param split_by_rank: deal the items to the torch.distributed ranks when it is initialised.
    :param rank: explicit rank (with ``world_size``).
    :param world_size: explicit number of ranks (with ``rank``).
    :param sample_key_name: key of the ids in the items. (default: ``"input_ids"``)
    """

    def __init__(
        self,
        sources: Sequence[str | os.PathLike],
        tokenizer: Any,
        max_seq_len: int,
        bos_token_id: int | None = None,
        eos_token_id: int | None = None,
        shuffle: bool = True,
        seed: int = 0,
        block_size: int = 1,
        split_by_rank: bool = True,
        rank: int | None = None,
        world_size: int | None = None,
        sample_key_name: str = "input_ids",
    ) -> None:
        super().__init__()
        if block_size < 1:
            msg = f"block_size must be >= 1, got {block_size}"
            raise ValueError(msg)
        self.tokenizer = tokenizer
        self.max_seq_len = max_seq_len
        self.bos_token_id = bos_token_id
        self.eos_token_id = eos_token_id
        self.shuffle = shuffle
        self.seed = seed
        self.block_size = block_size
        self.sample_key_name = sample_key_name
        # what _native's tokenize_file / tokenize_score read from a DatasetMIDI
        self.pre_tokenize = False
        self.func_to_get_labels = None
        self.tracks_idx_random_ratio_range = self.bars_idx_random_ratio_range = None
        self.rank, self.world_size = rank_and_world_size(split_by_rank, rank, world_size)
        self.epoch = 0
        self._position = 0
        self._warned: set[int] = set()
        # items: source index, data offset (-1: the source is the file) and size
        self.sources = [os.fspath(s) for s in sources]
        self.item_names: list[str] = []
        src, off, size = [], [], []
        for i, path in enumerate(self.sources):
            if path.lower().endswith(".tar"):
                for name, offset, length in _tar_members(path):
                    self.item_names.append(f"{path}:{name}")
                    src.append(i)
                    off.append(offset)
                    size.append(length)
            else:
                self.item_names.append(path)
                src.append(i)
                off.append(-1)
                size.append(-1)
        self._src = np.asarray(src, dtype=np.int64)
        self._off = np.asarray(off, dtype=np.int64)
        self._size = np.asarray(size, dtype=np.int64)

    def set_epoch(self, epoch: int) -> None:
        """Use the order of ``epoch`` from the next iteration on, from its start."""
        self.epoch = epoch
        self._position = 0

    def state_dict(self, position: int | None = None) -> dict[str, int]:
        """
        The resumable position: epoch, seed and items of this rank's order already consumed.

        Without DataLoader workers the dataset counts the items it gave; with workers pass
        ``position`` (batches consumed x batch_size, with ``block_size == batch_size``).
        """
        return {
            "epoch": self.epoch,
            "seed": self.seed,
            "position": self._position if position is None else position,
        }

    def load_state_dict(self, state: dict[str, int]) -> None:
        """Resume: the next iteration starts at ``state["position"]`` of that epoch's order."""
        self.epoch = int(state["epoch"])
        self.seed = int(state["seed"])
        self._position = int(state["position"])

    def rank_order(self) -> np.ndarray:
        """The item indexes this rank sees this epoch, in order."""
        n = len(self._src)
        if self.shuffle:
            order = np.random.default_rng([self.seed, self.epoch]).permutation(n)
        else:
            order = np.arange(n)
        return order[self.rank :: self.world_size]

    def __len__(self) -> int:
        """Items this rank sees per epoch."""
        return len(self.rank_order())

    def __iter__(self) -> Iterator[dict[str, torch.Tensor | None]]:
        """This worker's items of the rest of this rank's order."""
        order = self.rank_order()[self._position :]
        info = get_worker_info()
        if info is not None:
            blocks = np.arange(len(order)) // self.block_size
            order = order[blocks % info.num_workers == info.id]
        for item in order:
            out = self._item(int(item))
            if info is None:
                self._position += 1
            yield out
        if info is None:
            self._position = 0  # the epoch is complete

    def _item(self, k: int) -> dict[str, torch.Tensor | None]:
        path = Path(self.sources[self._src[k]])
        result = None
        if self._off[k] < 0:
            got = tokenize_file(self, path, with_labels=False)
            result = None if got is None else got[0]
        else:
            with path.open("rb") as f:
                f.seek(int(self._off[k]))
                data = f.read(int(self._size[k]))
            try:
                cls = score_class(self.tokenizer)
                ours = cls.__module__.startswith("miditok_cpp")
                score = cls(data) if ours else cls.from_midi(data)
            except (RuntimeError, ValueError, OSError):
                score = None
            if score is not None and len(data) == self._size[k]:
                tseq = tokenize_score(self, score)
                ids = tseq.ids if self.tokenizer.one_token_stream else tseq[0].ids
                result = torch.tensor(ids, dtype=torch.long)
        if result is None and k not in self._warned:
            self._warned.add(k)
            warnings.warn(
                f"DatasetMIDIStream: could not load {self.item_names[k]}; its item holds None",
                stacklevel=2,
            )
        return {self.sample_key_name: result}
