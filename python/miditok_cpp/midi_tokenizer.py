"""``miditok.midi_tokenizer``: the module of MidiTok's base tokenizer class.

MusicTokenizer itself lives in :mod:`miditok_cpp.tokenizer`; this module gives it (and the id
conversion helper MidiTok's module exposes) under MidiTok's module name.
"""

from __future__ import annotations

from .tokenizer import MusicTokenizer
from .utils.utils import convert_ids_tensors_to_list

__all__ = ["MusicTokenizer", "convert_ids_tensors_to_list"]
