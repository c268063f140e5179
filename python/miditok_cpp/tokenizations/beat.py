"""``miditok.tokenizations.beat`` under MidiTok's module name.

The BEAT tokenizer (defined in :mod:`miditok_cpp.beat`).
"""

from __future__ import annotations

from ..beat import BEAT

__all__ = ["BEAT"]
