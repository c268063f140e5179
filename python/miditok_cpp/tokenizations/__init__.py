"""The tokenization classes with MidiTok's names; the work is done by the C++ core."""

from __future__ import annotations

from ..beat import BEAT
from ..mmm import MMM
from ..multi_voc import CPWord, Octuple
from ..mumidi import MuMIDI
from ..pertok import PerTok
from ..tokenizer import MusicTokenizer

__all__ = [
    "BEAT",
    "MMM",
    "REMI",
    "TSD",
    "CPWord",
    "MIDILike",
    "MuMIDI",
    "Octuple",
    "PerTok",
    "Structured",
]


class REMI(MusicTokenizer):
    """REMI (REvamped MIDI) and, with programs and time signatures, REMI+.

    Source: the Pop Music Transformer (Huang and Yang, ACM Multimedia 2020,
    https://dl.acm.org/doi/10.1145/3394171.3413671); the multitrack, multi-meter extension
    REMI+ comes from FIGARO (von Rutte et al., https://arxiv.org/abs/2201.10936).

    Time is metrical: a ``Bar`` token opens each bar and a ``Position_p`` token gives the
    onset of the events that follow inside the current bar, counted in steps of the highest
    resolution of ``beat_res``. Each note is then written as ``[Program] Pitch [Velocity]
    [Duration]`` (``PitchDrum`` for drums; ``Velocity`` only with ``use_velocities``,
    ``Duration`` only when the note's program uses durations). Durations are
    ``Duration_beats.steps.resolution`` with the resolution of ``beat_res`` for that length.

    What the config options add, at each time step after its ``Position``:

    - ``use_programs``: a ``Program`` token before each note and every track in one token
      stream (``one_token_stream_for_programs``); ``program_changes`` writes it only when the
      program changes. Without programs each track is its own sequence.
    - ``use_time_signatures``: a ``TimeSig_n/d`` after every ``Bar``; bars and positions then
      follow the meter (the denominator is the beat).
    - ``use_tempos``: ``Tempo`` tokens (a single value token, not the paper's class and
      value pair).
    - ``use_rests``: ``Rest`` tokens over silences longer than the smallest rest, in place of
      the empty bars and positions.
    - ``use_chords``: a ``Chord`` token (after its ``Program`` with programs) before the
      notes of each chord detected at that onset.
    - ``use_pitch_intervals``: a note's pitch as an interval when it fits
      ``max_pitch_interval``: ``PitchIntervalChord`` to the previous note of the same onset,
      ``PitchIntervalTime`` to the previous onset's (within ``pitch_intervals_max_time_dist``);
      otherwise an absolute ``Pitch``.
    - ``use_sustain_pedals`` (``Pedal``, and ``PedalOff`` unless ``sustain_pedal_duration``),
      ``use_pitch_bends`` (``PitchBend``), ``use_control_changes`` and
      ``use_key_signatures`` add those events at their time step.

    ``additional_params``: ``max_bar_embedding`` (None: a single ``Bar_None``; an int N:
    numbered ``Bar_0`` ... ``Bar_{N-1}``), ``use_bar_end_tokens`` (a ``Bar_End`` closes each
    bar) and ``add_trailing_bars`` (keeps the empty bars at the end of a score, so that
    bars in and out match one to one). All default to None / False.

    Without ``use_programs``, decoding several sequences takes the tempos, time signatures
    and key signatures of the first one for the whole score.

    Constructor: ``tokenizer_config`` (default None: a default ``TokenizerConfig()``) is the
    configuration the vocabulary is built from; ``max_bar_embedding`` (default None), the
    argument older MidiTok versions took, sets ``additional_params["max_bar_embedding"]``
    when the config does not set it; ``params`` (default None) is the path of a
    ``tokenizer.json`` written by :meth:`save`, loaded in place of the config (config,
    vocabulary and any trained model).
    """

    _class_name = "REMI"

    def __init__(self, tokenizer_config=None, max_bar_embedding: int | None = None, params=None):
        if (
            max_bar_embedding is not None
            and tokenizer_config is not None
            and "max_bar_embedding" not in tokenizer_config.additional_params
        ):
            tokenizer_config.additional_params["max_bar_embedding"] = max_bar_embedding
        super().__init__(tokenizer_config, params)


class TSD(MusicTokenizer):
    """TSD (TimeShift Duration): MIDI-Like's event stream with explicit note durations.

    Time is relative: a ``TimeShift`` token moves the clock forward by the gap to the next
    event (``TimeShift_beats.steps.resolution``, resolution from ``beat_res``), and each note is
    ``[Program] Pitch [Velocity] [Duration]`` (``PitchDrum`` for drums). Writing durations as
    ``Duration`` tokens rather than NoteOff events was found to model better (Huang and
    Yang's Pop Music Transformer, https://arxiv.org/abs/2002.00212). A gap longer than the
    largest time shift is written as several shifts, or with ``use_rests`` as ``Rest``
    tokens.

    Config options: ``use_programs`` puts a ``Program`` before each note and merges every
    track into one token stream (``program_changes``: only when the program changes);
    without it each track is its own sequence, and decoding several of them takes the
    tempos, time signatures and key signatures of the first one. ``use_tempos``
    (``Tempo``), ``use_time_signatures`` (``TimeSig``), ``use_chords`` (``Chord`` before the
    chord's notes), ``use_pitch_intervals`` (``PitchIntervalTime`` / ``PitchIntervalChord``
    in place of ``Pitch``), ``use_sustain_pedals``, ``use_pitch_bends``,
    ``use_control_changes`` and ``use_key_signatures`` add their tokens at the event's
    time, between time shifts. No ``additional_params``.

    Constructor: ``tokenizer_config`` (default None: a default ``TokenizerConfig()``) is the
    configuration the vocabulary is built from (adjusted as :class:`MusicTokenizer` says);
    ``params`` (default None) is the path of a ``tokenizer.json`` written by :meth:`save`,
    loaded in its place (config, vocabulary and any trained model).
    """

    _class_name = "TSD"


class MIDILike(MusicTokenizer):
    """MIDI-Like: the MIDI messages themselves as tokens.

    From "This time with feeling" (Oore et al., https://arxiv.org/abs/1808.03715), also used
    by the Music Transformer (Huang et al.) and MT3 (Gardner et al.). A note is two events:
    ``[Program] NoteOn [Velocity]`` at its onset and ``[Program] NoteOff`` at its end
    (``DrumOn`` / ``DrumOff`` for drums); ``TimeShift`` tokens move the clock between events
    (``TimeShift_beats.steps.resolution``), a longer gap taking several shifts, or ``Rest``
    tokens with ``use_rests``.

    Decoding pairs each ``NoteOff`` with the oldest open ``NoteOn`` of the same pitch and
    program (first in, first out). Because a NoteOff would end both of two overlapping notes
    of the same pitch and program, encoding ends the first one where the second begins.
    ``additional_params["max_duration"]`` (a ``(beats, steps, resolution)`` tuple, steps per
    beat; default None) caps the duration of decoded notes, and gives that duration to the
    notes whose NoteOff never comes, which are otherwise dropped.

    Config options: ``use_programs`` puts a ``Program`` before each NoteOn / NoteOff and
    merges every track into one token stream (``program_changes``: only when it changes);
    without it each track is its own sequence, and decoding several takes the tempos, time
    signatures and key signatures of the first. ``use_tempos``, ``use_time_signatures``,
    ``use_chords``, ``use_pitch_intervals`` (in place of ``NoteOn`` pitches),
    ``use_sustain_pedals``, ``use_pitch_bends``, ``use_control_changes`` and
    ``use_key_signatures`` add their tokens at the event's time.

    Constructor: ``tokenizer_config`` (default None: a default ``TokenizerConfig()``) is the
    configuration the vocabulary is built from (adjusted as :class:`MusicTokenizer` says);
    ``params`` (default None) is the path of a ``tokenizer.json`` written by :meth:`save`,
    loaded in its place (config, vocabulary and any trained model).
    """

    _class_name = "MIDILike"
    _note_on_off = True  # notes are NoteOn / NoteOff pairs (MidiTok's flag)


class Structured(MusicTokenizer):
    """Structured: every note as the same fixed cycle of token types.

    From the Piano Inpainting Application (Hadjeres and Crestel,
    https://arxiv.org/abs/2107.05944). Each note is ``TimeShift [Program] Pitch [Velocity]
    [Duration]``, the ``TimeShift`` giving the gap since the previous note (``TimeShift_0.0.1``
    for notes played together); a gap longer than the largest shift is clipped to it. The
    type of the next token is therefore always known, which is the point of this
    tokenization, and no other token may break the cycle.

    So the constructor forces off chords, rests, tempos, time signatures, sustain pedals,
    pitch bends, pitch intervals, program changes and attribute controls, and turns off
    control changes and key signatures with a UserWarning if they were asked for. Of the
    optional tokens only ``Program`` remains (``use_programs``: before each ``Pitch``, every
    track in one token stream; without it each track is its own sequence); velocities and
    durations follow ``use_velocities`` and ``use_note_duration_programs``.

    Constructor: ``tokenizer_config`` (default None: a default ``TokenizerConfig()``) is the
    configuration the vocabulary is built from, adjusted as described above; ``params``
    (default None) is the path of a ``tokenizer.json`` written by :meth:`save`, loaded in its
    place (config, vocabulary and any trained model).
    """

    _class_name = "Structured"
