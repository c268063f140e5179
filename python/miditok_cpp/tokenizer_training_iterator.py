"""``miditok.tokenizer_training_iterator``: the module of MidiTok's TokTrainingIterator.

The class lives in :mod:`miditok_cpp.training`; this module gives it under MidiTok's name.
"""

from __future__ import annotations

from .training import TokTrainingIterator

__all__ = ["TokTrainingIterator"]
