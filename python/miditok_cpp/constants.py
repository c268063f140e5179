"""MidiTok 3.1.0's constants under the same names and values (``miditok.constants``).

The defaults of TokenizerConfig, file extensions, GM instrument tables and control change names.
The instrument tables come from the C++ core, which holds them once. Mutating a mutable constant
(as MidiTok's own tests do with TIME_SIGNATURE_RANGE) changes the defaults of later
TokenizerConfig objects, as it does in MidiTok.
"""

from __future__ import annotations

from ._config_options import DEFAULTS as _D
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

# TokenizerConfig defaults: the C++ option table's (config_options.def), the very objects that are
# TokenizerConfig.__init__'s defaults.
PITCH_RANGE = _D["pitch_range"]
BEAT_RES = _D["beat_res"]  # samples per beat, per range of beats
NUM_VELOCITIES = _D["num_velocities"]
BOS_TOKEN_NAME = "BOS"
EOS_TOKEN_NAME = "EOS"
SPECIAL_TOKENS = _D["special_tokens"]  # ["PAD", "BOS", "EOS", "MASK"]
MANDATORY_SPECIAL_TOKENS = ["PAD"]

USE_VELOCITIES = _D["use_velocities"]
USE_CHORDS = _D["use_chords"]
USE_RESTS = _D["use_rests"]
USE_TEMPOS = _D["use_tempos"]
USE_TIME_SIGNATURE = _D["use_time_signatures"]
USE_KEY_SIGNATURES = _D["use_key_signatures"]
USE_SUSTAIN_PEDALS = _D["use_sustain_pedals"]
USE_PITCH_BENDS = _D["use_pitch_bends"]
USE_CONTROL_CHANGES = _D["use_control_changes"]
CONTROL_CHANGE_N_BINS = _D["control_change_n_bins"]
USE_PROGRAMS = _D["use_programs"]
USE_PITCHDRUM_TOKENS = _D["use_pitchdrum_tokens"]
USE_NOTE_DURATION_PROGRAMS = _D["use_note_duration_programs"]

USE_PITCH_INTERVALS = _D["use_pitch_intervals"]
MAX_PITCH_INTERVAL = _D["max_pitch_interval"]
PITCH_INTERVALS_MAX_TIME_DIST = _D["pitch_intervals_max_time_dist"]

BEAT_RES_REST = _D["beat_res_rest"]

# Chords: intervals in semitones from the root
CHORD_MAPS = _D["chord_maps"]
CHORD_TOKENS_WITH_ROOT_NOTE = _D["chord_tokens_with_root_note"]
CHORD_UNKNOWN = _D["chord_unknown"]
UNKNOWN_CHORD_PREFIX = "ukn"

# Tempos
NUM_TEMPOS = _D["num_tempos"]
TEMPO_RANGE = _D["tempo_range"]  # (min, max) in quarter notes per minute
LOG_TEMPOS = _D["log_tempos"]
DELETE_EQUAL_SUCCESSIVE_TEMPO_CHANGES = _D["delete_equal_successive_tempo_changes"]

# Time signatures: {denominator: [numerators]}
TIME_SIGNATURE_RANGE = _D["time_signature_range"]

SUSTAIN_PEDAL_DURATION = _D["sustain_pedal_duration"]
PITCH_BEND_RANGE = _D["pitch_bend_range"]  # (min, max, number of values)

PROGRAMS = _D["programs"]  # -1 is drums
ONE_TOKEN_STREAM_FOR_PROGRAMS = _D["one_token_stream_for_programs"]
PROGRAM_CHANGES = _D["program_changes"]

DRUM_PITCH_RANGE = _D["drums_pitch_range"]
REMOVE_DUPLICATED_NOTES = _D["remove_duplicated_notes"]

# Attribute controls
AC_POLYPHONY_TRACK = _D["ac_polyphony_track"]
AC_POLYPHONY_BAR = _D["ac_polyphony_bar"]
AC_PITCH_CLASS_BAR = _D["ac_pitch_class_bar"]
AC_NOTE_DENSITY_TRACK = _D["ac_note_density_track"]
AC_NOTE_DENSITY_BAR = _D["ac_note_density_bar"]
AC_NOTE_DURATION_BAR = _D["ac_note_duration_bar"]
AC_NOTE_DURATION_TRACK = _D["ac_note_duration_track"]
AC_REPETITION_TRACK = _D["ac_repetition_track"]
AC_POLYPHONY_MIN = _D["ac_polyphony_min"]
AC_POLYPHONY_MAX = _D["ac_polyphony_max"]
AC_NOTE_DENSITY_BAR_MAX = _D["ac_note_density_bar_max"]
AC_NOTE_DENSITY_TRACK_MIN = _D["ac_note_density_track_min"]
AC_NOTE_DENSITY_TRACK_MAX = _D["ac_note_density_track_max"]
AC_REPETITION_TRACK_NUM_CONSEC_BARS = _D["ac_repetition_track_num_consec_bars"]
AC_REPETITION_TRACK_NUM_BINS = _D["ac_repetition_track_num_bins"]

# Tokenization specifics
MMM_COMPATIBLE_TOKENIZERS = {"TSD", "REMI", "MIDILike"}
USE_BAR_END_TOKENS = False  # REMI
ADD_TRAILING_BARS = False  # REMI

# Values assumed when a score has none / when a token type is not used
TEMPO = 120
TIME_SIGNATURE = (4, 4)
KEY_SIGNATURE_KEY = KEY_SIGNATURE_TONALITY = 0  # C major
DELETE_EQUAL_SUCCESSIVE_TIME_SIG_CHANGES = _D["delete_equal_successive_time_sig_changes"]
DEFAULT_VELOCITY = 100
DEFAULT_NOTE_DURATION = _D["default_note_duration"]  # in beats

# Training
DEFAULT_TRAINING_MODEL_NAME = "BPE"
ENCODE_IDS_SPLIT = _D["encode_ids_split"]
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
DEFAULT_CONTROL_CHANGE_NUMBERS = _D["control_change_numbers"]  # == list(CONTROL_CHANGES)

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
