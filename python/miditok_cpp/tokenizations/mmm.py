"""``miditok.tokenizations.mmm`` under MidiTok's module name.

The MMM tokenizer (defined in :mod:`miditok_cpp.mmm`).
"""

from __future__ import annotations

from ..mmm import MMM

__all__ = ["MMM"]
