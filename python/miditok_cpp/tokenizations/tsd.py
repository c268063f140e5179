"""``miditok.tokenizations.tsd`` under MidiTok's module name.

The TSD tokenizer (defined in :mod:`miditok_cpp.tokenizations`).
"""

from __future__ import annotations

from . import TSD

__all__ = ["TSD"]
