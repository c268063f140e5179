"""miditok-cpp: MidiTok's API on a C++20 core.

Change ``import miditok`` to ``import miditok_cpp``: the same classes and functions, the same
token ids, much faster. ``import miditok_cpp`` needs neither torch nor symusic.
"""

from __future__ import annotations

from ._core import (
    ConfigError,
    IoError,
    MidiError,
    MiditokError,
    TokenError,
    num_threads,
    read_midi,
    read_midi_file,
    read_midi_files,
    write_midi,
)
from .classes import Event, TokSequence
from .config import TokenizerConfig
from .tokenizations import REMI
from .tokenizer import MusicTokenizer
from .score import (
    ControlChange,
    KeySignature,
    Note,
    Pedal,
    PitchBend,
    Score,
    Tempo,
    TextMeta,
    TimeSignature,
    Track,
)

from . import attribute_controls, data_augmentation  # MidiTok's submodules

__version__ = "0.1.0"

__all__ = [
    "REMI",
    "Event",
    "MusicTokenizer",
    "TokSequence",
    "TokenizerConfig",
    "ConfigError",
    "ControlChange",
    "IoError",
    "KeySignature",
    "MidiError",
    "MiditokError",
    "Note",
    "Pedal",
    "PitchBend",
    "Score",
    "Tempo",
    "TextMeta",
    "TimeSignature",
    "TokenError",
    "Track",
    "__version__",
    "num_threads",
    "attribute_controls",
    "data_augmentation",
    "read_midi",
    "read_midi_file",
    "read_midi_files",
    "write_midi",
]
