"""``miditok.tokenizations.remi`` under MidiTok's module name.

The REMI tokenizer (defined in :mod:`miditok_cpp.tokenizations`).
"""

from __future__ import annotations

from . import REMI

__all__ = ["REMI"]
