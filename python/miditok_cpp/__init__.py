"""miditok-cpp: MidiTok's API on a C++20 core.

Change ``import miditok`` to ``import miditok_cpp``: the same classes and functions, the same
token ids, much faster. ``import miditok_cpp`` needs neither torch nor symusic.
"""

from __future__ import annotations

import importlib as _importlib
import importlib.util as _importlib_util
from typing import TYPE_CHECKING as _TYPE_CHECKING

from . import (  # MidiTok's submodules
    attribute_controls,
    constants,
    data_augmentation,
    midi_tokenizer,
    tokenizations,
    tokenizer_training_iterator,
    utils,
)
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
    release_memory,
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


def __getattr__(name: str):
    """``miditok_cpp.pytorch_data`` after a bare ``import miditok_cpp``, imported on first use.

    It needs PyTorch, which ``import miditok_cpp`` does not: without torch, reading the
    attribute raises the ImportError saying how to install it.
    """
    if name == "pytorch_data":
        return _importlib.import_module(".pytorch_data", __name__)
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)


def __dir__() -> list[str]:
    return sorted({*globals(), "pytorch_data"})


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
    "constants",
    "data_augmentation",
    "get_score_type",
    "midi_tokenizer",
    "num_threads",
    "read_midi",
    "read_midi_file",
    "read_midi_files",
    "release_memory",
    "set_score_type",
    "tokenizations",
    "tokenizer_training_iterator",
    "utils",
    "write_midi",
]
if _TYPE_CHECKING:  # imported on first use at run time (module __getattr__ above)
    from . import pytorch_data as pytorch_data
if _importlib_util.find_spec("torch") is not None:  # as MidiTok: listed when torch is there
    __all__ += ["pytorch_data"]
