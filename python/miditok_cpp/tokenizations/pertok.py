"""``miditok.tokenizations.pertok`` under MidiTok's module name.

The PerTok tokenizer (defined in :mod:`miditok_cpp.pertok`).
"""

from __future__ import annotations

from ..pertok import PerTok

__all__ = ["PerTok"]
