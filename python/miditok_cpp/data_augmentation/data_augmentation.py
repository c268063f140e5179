"""``miditok.data_augmentation.data_augmentation`` under MidiTok's module name.

The augmentation functions (defined in :mod:`miditok_cpp.data_augmentation`).
"""

from __future__ import annotations

from . import augment_dataset, augment_score, augment_score_multiple_offsets

__all__ = ["augment_dataset", "augment_score", "augment_score_multiple_offsets"]
