"""DatasetTokens: a map-style dataset over a token store (:mod:`miditok_cpp.data`).

The shards stay memory-mapped: an item is read from its shard when it is asked for (``pread``,
cut and completed with BOS/EOS in C++), so the memory a process holds does not depend on the
corpus size.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from torch.utils.data import Dataset

import torch
from miditok_cpp import _core

from ._distributed import contiguous_share, rank_and_world_size


class DatasetTokens(Dataset):
    r"""
    The documents of a token store as dataset items, ``{"input_ids": LongTensor}``.

    Item ``i`` is document ``i`` cut so that it fits ``max_seq_len`` with the BOS/EOS tokens
    (EOS left out when cut): the item DatasetJSON gives for the same ids. Under DDP
    (``split_by_rank`` with ``torch.distributed`` initialised, or explicit ``rank`` and
    ``world_size``) a process holds only its contiguous share of the documents (shares differ by
    at most one document); use it without DistributedSampler then.

    :param store_dir: directory of the store.
    :param max_seq_len: maximum sequence length, BOS/EOS included.
    :param bos_token_id: BOS token id. (default: None)
    :param eos_token_id: EOS token id. (default: None)
    :param sample_key_name: key of the ids in the items. (default: ``"input_ids"``)
    :param split_by_rank: hold only this rank's share when torch.distributed is initialised.
    :param rank: explicit rank (with ``world_size``).
    :param world_size: explicit number of ranks (with ``rank``).
    """

    def __init__(
        self,
        store_dir: str | os.PathLike,
        max_seq_len: int,
        bos_token_id: int | None = None,
        eos_token_id: int | None = None,
        sample_key_name: str = "input_ids",
        split_by_rank: bool = False,
        rank: int | None = None,
        world_size: int | None = None,
    ) -> None:
        self.store_dir = Path(store_dir)
        self.max_seq_len = max_seq_len
        self.bos_token_id = bos_token_id
        self.eos_token_id = eos_token_id
        self.sample_key_name = sample_key_name
        self._store = _core.TokenStore(os.fspath(self.store_dir))
        self.rank, self.world_size = rank_and_world_size(split_by_rank, rank, world_size)
        self._docs = contiguous_share(len(self._store), self.rank, self.world_size)

    @property
    def store(self) -> Any:
        """The memory-mapped store (``ids(i)`` is a numpy view of document i of the store)."""
        return self._store

    def __len__(self) -> int:
        """Number of documents of this rank's share."""
        return len(self._docs)

    def __getitem__(self, idx: int) -> dict[str, torch.Tensor]:
        """Item ``idx`` of this rank's share."""
        doc = self._docs[idx]  # IndexError past the end, negative indexes allowed
        ids = self._store.item(doc, self.max_seq_len, self.bos_token_id, self.eos_token_id)
        return {self.sample_key_name: torch.from_numpy(ids)}

    def __getstate__(self) -> dict[str, Any]:
        # DataLoader workers started by spawn map the store again
        state = self.__dict__.copy()
        state["_store"] = None
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._store = _core.TokenStore(os.fspath(self.store_dir))

    def to_hf_dataset(self, **from_generator_kwargs: Any) -> Any:
        """
        This dataset's items as a Hugging Face ``datasets.Dataset`` (needs ``datasets``).

        The items are streamed into an Arrow file (``datasets.Dataset.from_generator``, which
        takes ``from_generator_kwargs``, e.g. ``cache_dir``), so a store larger than RAM exports.
        """
        try:
            import datasets
        except ImportError as err:
            msg = "DatasetTokens.to_hf_dataset needs the datasets package: pip install datasets"
            raise ImportError(msg) from err

        features = datasets.Features(
            {self.sample_key_name: datasets.Sequence(datasets.Value("int64"))}
        )
        return datasets.Dataset.from_generator(
            _hf_items, features=features, gen_kwargs={"dataset": self}, **from_generator_kwargs
        )

    def __repr__(self) -> str:
        return f"DatasetTokens({str(self.store_dir)!r}, {len(self)} documents)"


def _hf_items(dataset: DatasetTokens) -> Any:
    """The items of a DatasetTokens as numpy arrays (to_hf_dataset's generator)."""
    key = dataset.sample_key_name
    for i in range(len(dataset)):
        yield {key: dataset[i][key].numpy()}
