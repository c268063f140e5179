"""miditok-cpp: MidiTok's API on a C++20 core.

Change ``import miditok`` to ``import miditok_cpp``: the same classes and functions, the same
token ids, much faster. ``import miditok_cpp`` needs neither torch nor symusic.
"""

from __future__ import annotations

from . import attribute_controls, data_augmentation, utils  # MidiTok's submodules
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
from .beat import BEAT
from .classes import Event, TokSequence
from .config import TokenizerConfig
from .mmm import MMM
from .multi_voc import CPWord, Octuple
from .mumidi import MuMIDI
from .pertok import PerTok
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
    get_score_type,
    set_score_type,
)
from .tokenizations import REMI, TSD, MIDILike, Structured
from .tokenizer import MusicTokenizer
from .training import TokTrainingIterator

__version__ = "0.1.0"

__all__ = [
    "BEAT",
    "MMM",
    "REMI",
    "TSD",
    "CPWord",
    "ConfigError",
    "ControlChange",
    "Event",
    "IoError",
    "KeySignature",
    "MIDILike",
    "MidiError",
    "MiditokError",
    "MuMIDI",
    "MusicTokenizer",
    "Note",
    "Octuple",
    "Pedal",
    "PerTok",
    "PitchBend",
    "Score",
    "Structured",
    "Tempo",
    "TextMeta",
    "TimeSignature",
    "TokSequence",
    "TokTrainingIterator",
    "TokenError",
    "TokenizerConfig",
    "Track",
    "__version__",
    "attribute_controls",
    "data_augmentation",
    "get_score_type",
    "num_threads",
    "read_midi",
    "read_midi_file",
    "read_midi_files",
    "set_score_type",
    "utils",
    "write_midi",
]
