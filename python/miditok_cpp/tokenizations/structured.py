"""``miditok.tokenizations.structured`` under MidiTok's module name.

The Structured tokenizer (defined in :mod:`miditok_cpp.tokenizations`).
"""

from __future__ import annotations

from . import Structured

__all__ = ["Structured"]
