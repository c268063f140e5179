"""``miditok.tokenizations.cp_word`` under MidiTok's module name.

The CPWord tokenizer (defined in :mod:`miditok_cpp.multi_voc`).
"""

from __future__ import annotations

from ..multi_voc import CPWord

__all__ = ["CPWord"]
