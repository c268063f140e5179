"""``miditok.tokenizations.octuple`` under MidiTok's module name.

The Octuple tokenizer (defined in :mod:`miditok_cpp.multi_voc`).
"""

from __future__ import annotations

from ..multi_voc import Octuple

__all__ = ["Octuple"]
