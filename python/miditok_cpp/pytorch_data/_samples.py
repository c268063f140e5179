"""What a dataset sample goes through, shared by the datasets and their C++-backed loading:
BOS / EOS and truncation (``preprocess_token_ids``), the chunk markers written by
``split_files_for_training`` (``chunk_position``) and labels as tensors."""

from __future__ import annotations

from typing import Any

import numpy as np

import torch

CHUNK_MARKER_PREFIX = "miditok: chunk"


def preprocess_token_ids(
    token_ids: list,
    max_seq_len: int,
    bos_token_id: int | None = None,
    eos_token_id: int | None = None,
    enforce_eos_token_if_seq_len_exceed_lim: bool = False,
) -> list:
    """
    Truncate a sequence so that it fits ``max_seq_len`` with its BOS/EOS, then add them.

    The EOS token is left out when the sequence was truncated (unless enforced). A BOS/EOS id of
    0 is a valid id (MidiTok skips it). Multi-vocab tokens (lists) get one special id per vocab.
    """
    if len(token_ids) == 0:
        return token_ids
    max_seq_len -= (bos_token_id is not None) + (eos_token_id is not None)
    if len(token_ids) > max_seq_len:
        token_ids = token_ids[: max(max_seq_len, 0)]
        if not enforce_eos_token_if_seq_len_exceed_lim:
            eos_token_id = None
    multi_vocab = len(token_ids) > 0 and isinstance(token_ids[0], (list, tuple))
    if bos_token_id is not None:
        token_ids.insert(0, [bos_token_id] * len(token_ids[0]) if multi_vocab else bos_token_id)
    if eos_token_id is not None:
        token_ids.append([eos_token_id] * len(token_ids[0]) if multi_vocab else eos_token_id)
    return token_ids


def _label_tensor(label: Any) -> torch.Tensor:
    """A label as a LongTensor: an int becomes a 1-element tensor (in both dataset modes)."""
    if isinstance(label, torch.Tensor):
        return label.long()
    if isinstance(label, (int, np.integer)):
        return torch.tensor([int(label)], dtype=torch.long)
    return torch.as_tensor(label, dtype=torch.long)


def chunk_position(markers: Any) -> tuple[bool, bool]:
    """(add_bos, add_eos) from the ``miditok: chunk i/N`` marker at tick 0, if any."""
    add_bos = add_eos = True
    for marker in markers:
        if marker.time != 0:
            break
        if marker.text.startswith(CHUNK_MARKER_PREFIX):
            try:
                chunk_id, chunk_last = map(int, marker.text.split(" ")[-1].split("/"))
            except ValueError:
                continue
            add_bos = chunk_id == 0
            add_eos = chunk_id == chunk_last
    return add_bos, add_eos
