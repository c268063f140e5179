"""MuMIDI (PopMAG), as MidiTok's: every track in one sequence of ragged compound tokens.

A compound token is ``[Pitch|PitchDrum|Bar|Position|Program|Chord, BarPosEnc_i,
PositionPosEnc_i|None, (Tempo), (Velocity), (Duration)]``: Velocity and Duration are only on note
tokens, so the rows of ids have different lengths (lists of lists, not an array). Encoding and
decoding run in the C++ core.
"""

from __future__ import annotations

from .multi_voc import MultiVocTokenizer


class MuMIDI(MultiVocTokenizer):
    """MuMIDI: all tracks in one sequence of compound tokens, with built-in positions.

    From PopMAG (Ren et al., https://arxiv.org/abs/2008.07703). Time is metrical: ``Bar`` and
    ``Position`` rows; at each position a ``Program`` row announces a track and its notes
    follow (drums first, their pitches ``PitchDrum``, distinct from the others). Each row is:

    - 0 the event: ``Pitch`` / ``PitchDrum`` / ``Position`` / ``Bar`` / ``Program`` /
      ``Chord`` (with ``use_chords``);
    - 1 ``BarPosEnc_i``, the bar number, and 2 ``PositionPosEnc_i`` (``None`` on bar rows),
      a positional encoding the model learns;
    - then ``Tempo`` on every row with ``use_tempos``, and ``Velocity`` and ``Duration``
      on note rows only, so rows differ in length: ids are lists of lists, not an array.

    Rows are sorted by time, then program, then pitch, and tracks sharing a program are
    merged. ``use_programs`` and ``one_token_stream_for_programs`` are forced on; rests,
    time signatures, sustain pedals, pitch bends, program changes, attribute controls,
    control changes and key signatures off (the last two with a UserWarning). As in MidiTok 3.1.0
    ``use_pitch_intervals`` is set although no interval token is emitted.
    ``additional_params["max_bar_embedding"]`` (60 by default) is the number of bars
    encoded: longer scores are cut there. Durations are for all programs or none, and
    compound tokens cannot be trained (:meth:`train` warns and does nothing).

    Constructor: ``tokenizer_config`` (default None: a default ``TokenizerConfig()``) is the
    configuration the vocabulary is built from, adjusted as described above; ``params``
    (default None) is the path of a ``tokenizer.json`` written by :meth:`save`, loaded in its
    place (config, vocabulary and any trained model).
    """

    _class_name = "MuMIDI"

    def _cache_derived(self) -> None:
        super()._cache_derived()
        # MidiTok's vocab_types_idx: Velocity, Duration and Tempo counted from the end of a row.
        cfg = self.config
        idx = {
            "Pitch": 0,
            "PitchDrum": 0,
            "Position": 0,
            "Bar": 0,
            "Program": 0,
            "BarPosEnc": 1,
            "PositionPosEnc": 2,
        }
        if cfg.use_velocities:
            idx["Velocity"] = -1
        if cfg.using_note_duration_tokens:
            idx["Duration"] = -1
            if cfg.use_velocities:
                idx["Velocity"] = -2
        if cfg.use_chords:
            idx["Chord"] = 0
        if cfg.use_tempos:
            idx["Tempo"] = -3
        self.vocab_types_idx = idx
