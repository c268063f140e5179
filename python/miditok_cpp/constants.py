"""MidiTok 3.1.0's constants under the same names and values (``miditok.constants``).

The defaults of TokenizerConfig, file extensions, GM instrument tables and control change names.
The instrument tables come from the C++ core, which holds them once. Mutating a mutable constant
(as MidiTok's own tests do with TIME_SIGNATURE_RANGE) changes the defaults of later
TokenizerConfig objects, as it does in MidiTok.
"""

from __future__ import annotations

from ._core import preprocess as _pp

# Versions written into params files: the MidiTok, symusic and tokenizers versions this
# package reproduces (a MidiTok 3.1.0 params file is what we write, whatever is installed).
CURRENT_MIDITOK_VERSION = "3.1.0"
CURRENT_SYMUSIC_VERSION = "0.6.0"
CURRENT_TOKENIZERS_VERSION = "0.23.3"

# Files
MIDI_FILES_EXTENSIONS = {".mid", ".midi", ".MID", ".MIDI"}
ABC_FILES_EXTENSIONS = {".abc", ".ABC"}
SUPPORTED_MUSIC_FILE_EXTENSIONS = MIDI_FILES_EXTENSIONS | ABC_FILES_EXTENSIONS
# What loading a bad music file may raise (our MidiError and IoError are ValueError / OSError).
SCORE_LOADING_EXCEPTION = (RuntimeError, ValueError, OSError, FileNotFoundError, IOError, EOFError)
DEFAULT_TOKENIZER_FILE_NAME = "tokenizer.json"

# First code point of the characters standing for token ids in trained models: 0-32 are skipped
# (the tokenizers library drops the first ones and 32, space, splits words).
CHR_ID_START = 33

# TokenizerConfig defaults
PITCH_RANGE = (21, 109)
BEAT_RES = {(0, 4): 8, (4, 12): 4}  # samples per beat, per range of beats
NUM_VELOCITIES = 32
BOS_TOKEN_NAME = "BOS"
EOS_TOKEN_NAME = "EOS"
SPECIAL_TOKENS = ["PAD", BOS_TOKEN_NAME, EOS_TOKEN_NAME, "MASK"]
MANDATORY_SPECIAL_TOKENS = ["PAD"]

USE_VELOCITIES = True
USE_CHORDS = False
USE_RESTS = False
USE_TEMPOS = False
USE_TIME_SIGNATURE = True
USE_KEY_SIGNATURES = False
USE_SUSTAIN_PEDALS = False
USE_PITCH_BENDS = False
USE_CONTROL_CHANGES = False
CONTROL_CHANGE_N_BINS = 32
USE_PROGRAMS = False
USE_PITCHDRUM_TOKENS = True
USE_NOTE_DURATION_PROGRAMS = list(range(-1, 128))

USE_PITCH_INTERVALS = False
MAX_PITCH_INTERVAL = 16
PITCH_INTERVALS_MAX_TIME_DIST = 1

BEAT_RES_REST = {(0, 1): 8, (1, 2): 4, (2, 12): 2}

# Chords: intervals in semitones from the root
CHORD_MAPS = {
    "min": (0, 3, 7),
    "maj": (0, 4, 7),
    "dim": (0, 3, 6),
    "aug": (0, 4, 8),
    "sus2": (0, 2, 7),
    "sus4": (0, 5, 7),
    "7dom": (0, 4, 7, 10),
    "7min": (0, 3, 7, 10),
    "7maj": (0, 4, 7, 11),
    "7halfdim": (0, 3, 6, 10),
    "7dim": (0, 3, 6, 9),
    "7aug": (0, 4, 8, 11),
    "9maj": (0, 4, 7, 10, 14),
    "9min": (0, 4, 7, 10, 13),
}
CHORD_TOKENS_WITH_ROOT_NOTE = False
CHORD_UNKNOWN = None
UNKNOWN_CHORD_PREFIX = "ukn"

# Tempos
NUM_TEMPOS = 32
TEMPO_RANGE = (40, 250)  # (min, max) in quarter notes per minute
LOG_TEMPOS = False
DELETE_EQUAL_SUCCESSIVE_TEMPO_CHANGES = False

# Time signatures: {denominator: [numerators]}
TIME_SIGNATURE_RANGE = {8: [3, 12, 6], 4: [5, 6, 3, 2, 1, 4]}

SUSTAIN_PEDAL_DURATION = False
PITCH_BEND_RANGE = (-8192, 8191, 32)  # (min, max, number of values)

PROGRAMS = list(range(-1, 128))  # -1 is drums
ONE_TOKEN_STREAM_FOR_PROGRAMS = True
PROGRAM_CHANGES = False

DRUM_PITCH_RANGE = (27, 88)
REMOVE_DUPLICATED_NOTES = False

# Attribute controls
AC_POLYPHONY_TRACK = False
AC_POLYPHONY_BAR = False
AC_PITCH_CLASS_BAR = False
AC_NOTE_DENSITY_TRACK = False
AC_NOTE_DENSITY_BAR = False
AC_NOTE_DURATION_BAR = False
AC_NOTE_DURATION_TRACK = False
AC_REPETITION_TRACK = False
AC_POLYPHONY_MIN = 1
AC_POLYPHONY_MAX = 6
AC_NOTE_DENSITY_BAR_MAX = 18
AC_NOTE_DENSITY_TRACK_MIN = 0
AC_NOTE_DENSITY_TRACK_MAX = 18
AC_REPETITION_TRACK_NUM_CONSEC_BARS = 4
AC_REPETITION_TRACK_NUM_BINS = 10

# Tokenization specifics
MMM_COMPATIBLE_TOKENIZERS = {"TSD", "REMI", "MIDILike"}
USE_BAR_END_TOKENS = False  # REMI
ADD_TRAILING_BARS = False  # REMI

# Values assumed when a score has none / when a token type is not used
TEMPO = 120
TIME_SIGNATURE = (4, 4)
KEY_SIGNATURE_KEY = KEY_SIGNATURE_TONALITY = 0  # C major
DELETE_EQUAL_SUCCESSIVE_TIME_SIG_CHANGES = False
DEFAULT_VELOCITY = 100
DEFAULT_NOTE_DURATION = 0.5  # in beats

# Training
DEFAULT_TRAINING_MODEL_NAME = "BPE"
ENCODE_IDS_SPLIT = "bar"
WORDPIECE_MAX_INPUT_CHARS_PER_WORD_BAR = 400
WORDPIECE_MAX_INPUT_CHARS_PER_WORD_BEAT = 100
UNIGRAM_MAX_INPUT_CHARS_PER_WORD_BAR = 128
UNIGRAM_MAX_INPUT_CHARS_PER_WORD_BEAT = 32
UNIGRAM_SPECIAL_TOKEN_SUFFIX = "-unigram"

# Datasets and parallel work
MAX_NUM_FILES_NUM_TOKENS_PER_NOTE = 200
MAX_THREADS_PROCESSED_IN_PARALLEL = 32
CPU_COUNT_ADDED_WORKERS = 4

PITCH_CLASSES = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"]
TOKEN_TYPE_BEFORE_PC = ["TimeSig", "Tempo"]

# General MIDI programs: index = program number (0-127), with the recommended pitch range.
MIDI_INSTRUMENTS = [
    {"name": _pp.program_name(program), "pitch_range": range(*_pp.program_pitch_range(program))}
    for program in range(128)
]
# The 16 GM families, then drums (program -1).
INSTRUMENT_CLASSES = [
    {
        "name": _pp.instrument_class_name(index),
        "program_range": range(*_pp.instrument_class_program_range(index)),
    }
    for index in range(_pp.num_instrument_classes)
]
# Instrument class of each program 0-127, then of drums (index 128).
CLASS_OF_INST = [
    index for index, family in enumerate(INSTRUMENT_CLASSES) for _ in family["program_range"]
]

# GM2 drum kits, by program number.
DRUM_SETS = {
    0: "Standard",
    8: "Room",
    16: "Power",
    24: "Electronic",
    25: "Analog",
    32: "Jazz",
    40: "Brush",
    48: "Orchestra",
    56: "SFX",
}

# MIDI 1.0 control change names (undefined and general purpose numbers are left out).
_CC_PAIRED = {  # coarse (MSB) numbers; fine (LSB) is the number + 32
    0: "Bank Select",
    1: "Modulation Depth",
    2: "Breath Controller",
    4: "Foot Controller",
    5: "Portamento Time",
    6: "Data Entry",
    7: "Channel Volume",
    8: "Balance",
    10: "Pan",
    11: "Expression Controller",
}
CONTROL_CHANGES = {
    **_CC_PAIRED,
    **{number + 32: name for number, name in _CC_PAIRED.items()},
    64: "Damper Pedal",
    65: "Portamento",
    66: "Sostenuto",
    67: "Soft Pedal",
    68: "Legato Footswitch",
    69: "Hold 2",
    70: "Sound Variation",
    71: "Timbre/Harmonic Intensity",
    72: "Release Time",
    73: "Attack Time",
    74: "Brightness",
    75: "Decay Time",
    76: "Vibrato Rate",
    77: "Vibrato Depth",
    78: "Vibrato Delay",
    84: "Portamento Control",
    88: "High Resolution Velocity Prefix",
    91: "Reverb Depth",
    92: "Tremolo Depth",
    93: "Chorus Depth",
    94: "Celeste Depth",
    95: "Phaser Depth",
    96: "Data Increment",
    97: "Data Decrement",
    100: "Registered Parameter Number (RPN) - LSB",
    101: "Registered Parameter Number (RPN) - MSB",
    120: "All Sound Off",
    121: "Reset All Controllers",
    122: "Local Control On/Off",
    123: "All Notes Off",
    124: "Omni Mode Off",
    125: "Omni Mode On",
    126: "Mono Mode On",
    127: "Poly Mode On",
}
DEFAULT_CONTROL_CHANGE_NUMBERS = list(CONTROL_CHANGES)

# How control change values are handled: quantized levels, on/off switches, and the absolute
# state setters whose identical repetitions may be removed.
_SOUND_CONTROLS = set(range(71, 79))
_EFFECT_DEPTHS = set(range(91, 96))
CONTINUOUS_CONTROL_CHANGE_NUMBERS = (
    {1, 2, 4, 5, 7, 8, 10, 11, 64, 67} | _SOUND_CONTROLS | _EFFECT_DEPTHS
)
SWITCH_CONTROL_CHANGE_NUMBERS = {65, 66, 68, 69, 122}
DEDUPLICABLE_CONTROL_CHANGE_NUMBERS = (
    {1, 2, 4, 5, 7, 8, 10, 11} | set(range(64, 70)) | _SOUND_CONTROLS | _EFFECT_DEPTHS
)
