"""``miditok.tokenizations.midi_like`` under MidiTok's module name.

The MIDILike tokenizer (defined in :mod:`miditok_cpp.tokenizations`).
"""

from __future__ import annotations

from . import MIDILike

__all__ = ["MIDILike"]
