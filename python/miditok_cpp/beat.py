"""BEAT (Beat-wise Encoding for Autoregressive Transformers): a sparse three-state piano roll
(silence, onset, sustain) read beat by beat, four steps per beat; the work is done by the C++
core."""

from __future__ import annotations

from .tokenizer import MusicTokenizer


class BEAT(MusicTokenizer):
    """BEAT (Beat-wise Encoding for Autoregressive Transformers): a piano roll read beat by beat.

    Each beat (the time signature's denominator) is cut into four steps and every note is
    seen as a three-state roll over them: silence (0), onset (1), sustain (2). The sequence
    is a grid of ``Bar`` and ``Beat`` tokens; within a beat each track, sorted by program with
    drums last, writes a ``Program`` block of its sounding pitches from high to low: the
    first ``Pitch`` absolute and the next ones as downward intervals (``PitchDrum`` stays
    absolute), each followed by a ``Pattern`` token (its four steps as base-3 digits) and a
    ``Velocity`` averaged over the steps it sounds. ``Rest_None`` fills a silent beat and
    the silent blocks of tracks sharing a program. Tempos and key signatures are moved to
    bar lines and written after the ``Bar``.

    ``use_programs``, ``use_time_signatures`` and ``one_token_stream_for_programs`` are
    forced on and ``beat_res`` to four steps per beat; rests, chords, pitch intervals,
    sustain pedals, pitch bends, control changes and attribute controls are forced off.
    BEAT is this library's own tokenization: MidiTok 3.1.0 has none.

    Constructor: ``tokenizer_config`` (default None: a default ``TokenizerConfig()``) is the
    configuration the vocabulary is built from, adjusted as described above; ``params``
    (default None) is the path of a ``tokenizer.json`` written by :meth:`save`, loaded in its
    place (config, vocabulary and any trained model).
    """

    _class_name = "BEAT"
