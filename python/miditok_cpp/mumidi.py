"""MuMIDI (PopMAG), as MidiTok's: every track in one sequence of ragged compound tokens.

A compound token is ``[Pitch|PitchDrum|Bar|Position|Program|Chord, BarPosEnc_i,
PositionPosEnc_i|None, (Tempo), (Velocity), (Duration)]``: Velocity and Duration are only on note
tokens, so the rows of ids have different lengths (lists of lists, not an array). Encoding and
decoding run in the C++ core.
"""

from __future__ import annotations

from .multi_voc import MultiVocTokenizer


class MuMIDI(MultiVocTokenizer):
    """MuMIDI: Bar / Position / Program / note compound tokens with bar and position encodings.

    Forces rests, time signatures, pedals, pitch bends, control changes, key signatures and
    program changes off, and ``use_programs`` and ``one_token_stream_for_programs`` on (and, as
    MidiTok, ``use_pitch_intervals``, which it never uses). additional_params:
    ``max_bar_embedding`` (60 by default): longer scores are clipped to that many (4/4) bars.
    """

    _class_name = "MuMIDI"

    def _tweak_config_before_creating_voc(self) -> None:
        cfg = self.config
        cfg.use_rests = False
        cfg.use_time_signatures = False
        self._disable_unsupported()  # pedals, bends, CCs (warns), intervals, key signatures
        cfg.use_programs = True
        cfg.use_pitch_intervals = True  # as MidiTok 3.1.0 does, although no interval is emitted
        cfg.one_token_stream_for_programs = True
        cfg.program_changes = False
        self._disable_attribute_controls()
        self._durations_all_or_none()
        cfg.additional_params.setdefault("max_bar_embedding", 60)

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
