"""``miditok.tokenizations.mumidi`` under MidiTok's module name.

The MuMIDI tokenizer (defined in :mod:`miditok_cpp.mumidi`).
"""

from __future__ import annotations

from ..mumidi import MuMIDI

__all__ = ["MuMIDI"]
