"""Datasets, collator and file splitting for training PyTorch models (MidiTok's ``pytorch_data``).

This module needs PyTorch; ``import miditok_cpp`` alone does not. ``split_files_for_training`` and
the other split helpers are also exported here, as MidiTok's documentation imports them from here.
"""

from __future__ import annotations

try:
    import torch  # noqa: F401
except ImportError as _err:  # pragma: no cover - exercised in a subprocess test
    _msg = (
        "miditok_cpp.pytorch_data needs PyTorch, which is not installed: "
        "pip install miditok-cpp[torch]"
    )
    raise ImportError(_msg) from _err

from ..utils.split import (
    get_average_num_tokens_per_note,
    split_files_for_training,
    split_score_per_beats,
    split_score_per_note_density,
    split_score_per_ticks,
    split_score_per_tracks,
    split_seq_in_subsequences,
    split_tokens_files_to_subsequences,
)
from .collators import DataCollator
from .datasets import DatasetJSON, DatasetMIDI
from .streaming import DatasetMIDIStream
from .tokens import DatasetTokens

__all__ = [
    "DataCollator",
    "DatasetJSON",
    "DatasetMIDI",
    "DatasetMIDIStream",
    "DatasetTokens",
    "get_average_num_tokens_per_note",
    "split_files_for_training",
    "split_score_per_beats",
    "split_score_per_note_density",
    "split_score_per_ticks",
    "split_score_per_tracks",
    "split_seq_in_subsequences",
    "split_tokens_files_to_subsequences",
]
