"""DatasetMIDI and DatasetJSON: PyTorch datasets of token ids, MidiTok's ``pytorch_data`` API.

DatasetMIDI tokenizes music files on the fly or once at creation (``pre_tokenize``); pre-tokenized
samples live bit-packed in one flat buffer (the fewest bits that hold every id: 9 for a
500-token vocabulary) plus bit-packed offsets, not one int64 tensor each; an item is unpacked in
C++ when it is read. DatasetJSON reads the
token files MidiTok writes (``{"ids": [...]}``).
"""

from __future__ import annotations

import json
import warnings
from os import cpu_count
from pathlib import Path
from typing import TYPE_CHECKING, Any

from torch.utils.data import Dataset

import torch
from miditok_cpp._core import PackedSamples

from ._distributed import contiguous_share, rank_and_world_size
from ._native import pre_tokenize_files, tokenize_file
from ._samples import preprocess_token_ids

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

MAX_THREADS_PROCESSED_IN_PARALLEL = 32
CPU_COUNT_ADDED_WORKERS = 4


class _DatasetABC(Dataset):
    """Base dataset: length, indexing and direct iteration (with its own counter)."""

    def __init__(self) -> None:
        self._iter_count = 0

    _preprocess_token_ids = staticmethod(preprocess_token_ids)

    def __len__(self) -> int:
        raise NotImplementedError

    def __getitem__(self, idx: int) -> Mapping[str, Any]:
        raise NotImplementedError

    def __iter__(self) -> _DatasetABC:
        return self

    def __next__(self) -> Mapping[str, Any]:
        if self._iter_count >= len(self):
            self._iter_count = 0
            raise StopIteration
        self._iter_count += 1
        return self[self._iter_count - 1]


class DatasetMIDI(_DatasetABC):
    r"""
    A ``Dataset`` of music files (MIDI, abc) tokenized on the fly or pre-tokenized at creation.

    Use it with chunks made by :func:`split_files_for_training`: BOS is then only added to the
    first chunk of a file and EOS to its last one (read from the chunk marker). On the fly, an
    unreadable file gives ``{sample_key_name: None}`` (dropped by :class:`DataCollator`) and one
    warning; with ``pre_tokenize`` it is skipped and listed in ``self.skipped_files``.

    :param files_paths: paths to the music files.
    :param tokenizer: tokenizer.
    :param max_seq_len: maximum sequence length, BOS/EOS included.
    :param bos_token_id: BOS token id. (default: None)
    :param eos_token_id: EOS token id. (default: None)
    :param pre_tokenize: tokenize every file at creation (in native threads) and keep the ids.
    :param ac_tracks_random_ratio_range: range of ratios of tracks to compute attribute controls
        on; None for no track attribute control. (default: None)
    :param ac_bars_random_ratio_range: range of ratios of bars to compute attribute controls on;
        None for no bar attribute control. (default: None)
    :param func_to_get_labels: called as ``func(score, tokseq, path)``, returns the label(s) of
        a file (an int or a sequence of ints). (default: None)
    :param sample_key_name: key of the token ids in the items. (default: ``"input_ids"``)
    :param labels_key_name: key of the labels in the items. (default: ``"labels"``)
    :param parallel_workers_size: number of threads used to pre-tokenize.
    :param split_by_rank: under DDP (torch.distributed initialised) keep only this rank's
        contiguous share of the files, so that each rank pre-tokenizes and holds only its share
        (use no DistributedSampler then). (default: False)
    :param rank: explicit rank, with ``world_size``, instead of torch.distributed's.
    :param world_size: explicit number of ranks, with ``rank``.
    """

    def __init__(
        self,
        files_paths: Sequence[Path],
        tokenizer: Any,
        max_seq_len: int,
        bos_token_id: int | None = None,
        eos_token_id: int | None = None,
        pre_tokenize: bool = False,
        ac_tracks_random_ratio_range: tuple[float, float] | None = None,
        ac_bars_random_ratio_range: tuple[float, float] | None = None,
        func_to_get_labels: Callable[[Any, Any, Path], int | list[int] | torch.Tensor]
        | None = None,
        sample_key_name: str = "input_ids",
        labels_key_name: str = "labels",
        parallel_workers_size: int = min(
            MAX_THREADS_PROCESSED_IN_PARALLEL, (cpu_count() or 1) + CPU_COUNT_ADDED_WORKERS
        ),
        split_by_rank: bool = False,
        rank: int | None = None,
        world_size: int | None = None,
    ) -> None:
        super().__init__()
        self.files_paths = [Path(p) for p in files_paths]
        rank, world_size = rank_and_world_size(split_by_rank, rank, world_size)
        if world_size > 1:
            share = contiguous_share(len(self.files_paths), rank, world_size)
            self.files_paths = self.files_paths[share.start : share.stop]
        self.tokenizer = tokenizer
        self.max_seq_len = max_seq_len
        self.bos_token_id = bos_token_id
        self.eos_token_id = eos_token_id
        self.pre_tokenize = pre_tokenize
        self.tracks_idx_random_ratio_range = ac_tracks_random_ratio_range
        self.bars_idx_random_ratio_range = ac_bars_random_ratio_range
        self.func_to_get_labels = func_to_get_labels
        self.sample_key_name = sample_key_name
        self.labels_key_name = labels_key_name
        self.labels: list[torch.Tensor] | None = [] if func_to_get_labels else None
        self.skipped_files: list[Path] = []
        self._warned: set[int] = set()
        # Pre-tokenized samples, bit-packed in one flat buffer (unpacked to int64 when read)
        self._samples = PackedSamples()

        if pre_tokenize:
            if len(self.files_paths) == 0:
                msg = "DatasetMIDI - pre_tokenize: No music file path given to pre-tokenize."
                raise ValueError(msg)
            self._samples, labels, skipped = pre_tokenize_files(
                self, max(1, min(parallel_workers_size, len(self.files_paths)))
            )
            if self.labels is not None:
                self.labels = labels
            self.skipped_files = skipped
            if skipped:
                shown = ", ".join(str(p) for p in skipped[:10])
                warnings.warn(
                    f"DatasetMIDI - pre_tokenize: {len(skipped)} unreadable file(s) skipped: "
                    f"{shown}{', ...' if len(skipped) > 10 else ''}",
                    stacklevel=2,
                )

    @property
    def samples(self) -> list[torch.Tensor]:
        """The pre-tokenized samples as a list of tensors (built on demand)."""
        return [self._sample(i) for i in range(len(self._samples))]

    def _sample(self, idx: int) -> torch.Tensor:
        return torch.from_numpy(self._samples[idx])

    def __getitem__(self, idx: int) -> dict[str, torch.Tensor | None]:
        """
        Return item ``idx``: its token ids and optionally its labels.

        Pre-tokenized: the stored ids. Otherwise the ``idx``-th file is tokenized now; an
        unreadable file gives ``None`` values.
        """
        labels = None
        if self.pre_tokenize:
            token_ids = self._sample(idx)
            if self.labels is not None:
                labels = self.labels[idx]
        else:
            result = tokenize_file(self, self.files_paths[idx], with_labels=True)
            if result is None:
                if idx not in self._warned:
                    self._warned.add(idx)
                    warnings.warn(
                        f"DatasetMIDI: could not load {self.files_paths[idx]}; "
                        "its item holds None (the DataCollator drops it)",
                        stacklevel=2,
                    )
                item: dict[str, Any] = {self.sample_key_name: None}
                if self.func_to_get_labels is not None:
                    item[self.labels_key_name] = None
                return item
            token_ids, labels = result
        item = {self.sample_key_name: token_ids}
        if self.func_to_get_labels is not None:
            item[self.labels_key_name] = labels
        return item

    def __len__(self) -> int:
        """Number of items: samples when pre-tokenized, else files."""
        return len(self._samples) if self.pre_tokenize else len(self.files_paths)

    def __repr__(self) -> str:
        return self.__str__()

    def __str__(self) -> str:
        if self.pre_tokenize:
            return f"Pre-tokenized dataset with {len(self)} samples"
        return f"{len(self.files_paths)} files."


class DatasetJSON(_DatasetABC):
    r"""
    A ``Dataset`` of JSON token files as MidiTok saves them (``{"ids": [...], ...}``).

    Item ``idx`` holds the ids of ``files_paths[idx]``, truncated so that they fit ``max_seq_len``
    with the BOS/EOS tokens (EOS is left out when truncated). Only for one-stream token files
    (split multi-stream files with :func:`split_tokens_files_to_subsequences` first).

    :param files_paths: paths to the JSON files.
    :param max_seq_len: maximum sequence length, BOS/EOS included.
    :param bos_token_id: BOS token id. (default: None)
    :param eos_token_id: EOS token id. (default: None)
    """

    def __init__(
        self,
        files_paths: Sequence[Path],
        max_seq_len: int,
        bos_token_id: int | None = None,
        eos_token_id: int | None = None,
    ) -> None:
        super().__init__()
        self.files_paths = [Path(p) for p in files_paths]
        self.max_seq_len = max_seq_len
        self.bos_token_id = bos_token_id
        self.eos_token_id = eos_token_id

    def __getitem__(self, idx: int) -> dict[str, torch.Tensor]:
        """Load the ids of the ``idx``-th JSON file, truncated, with BOS/EOS."""
        with self.files_paths[idx].open() as json_file:
            token_ids = json.load(json_file)["ids"]
        token_ids = preprocess_token_ids(
            token_ids, self.max_seq_len, self.bos_token_id, self.eos_token_id
        )
        return {"input_ids": torch.tensor(token_ids, dtype=torch.long)}

    def __len__(self) -> int:
        """Number of files."""
        return len(self.files_paths)
