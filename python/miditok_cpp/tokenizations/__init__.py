"""The tokenization classes with MidiTok's names; the work is done by the C++ core."""

from __future__ import annotations

import warnings

from ..beat import BEAT
from ..mmm import MMM
from ..multi_voc import CPWord, Octuple
from ..mumidi import MuMIDI
from ..pertok import PerTok
from ..tokenizer import _AC_FLAGS, MusicTokenizer

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
    """REMI / REMI+: Bar and Position tokens, notes as [Program] Pitch [Velocity] [Duration].

    additional_params: ``max_bar_embedding`` (numbered bars; None gives Bar_None),
    ``use_bar_end_tokens`` and ``add_trailing_bars``.

    ``tokenizer_config`` and ``params`` are :class:`MusicTokenizer`'s. ``max_bar_embedding``
    (default None), MidiTok's former argument, numbers the bars up to it (``Bar_0``,
    ``Bar_1``...) when the config does not set ``additional_params["max_bar_embedding"]``.
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

    def _tweak_config_before_creating_voc(self) -> None:
        ap = self.config.additional_params
        ap.setdefault("max_bar_embedding", None)
        ap.setdefault("use_bar_end_tokens", False)
        ap.setdefault("add_trailing_bars", False)


class TSD(MusicTokenizer):
    """TSD: TimeShift tokens between events, notes as [Program] Pitch [Velocity] [Duration]."""

    _class_name = "TSD"


class MIDILike(MusicTokenizer):
    """MIDI-Like: NoteOn / NoteOff (DrumOn / DrumOff), Velocity and TimeShift tokens.

    additional_params: ``max_duration`` (beats, positions, resolution) caps the decoded
    durations; NoteOn / NoteOff pairs are decoded first in, first out.
    """

    _class_name = "MIDILike"
    _note_on_off = True  # notes are NoteOn / NoteOff pairs (MidiTok's flag)


class Structured(MusicTokenizer):
    """Structured: the fixed cycle TimeShift [Program] Pitch [Velocity] [Duration].

    Chords, rests, tempos, time signatures, pedals, pitch bends, control changes, key
    signatures, pitch intervals and program changes are forced off.
    """

    _class_name = "Structured"

    def _tweak_config_before_creating_voc(self) -> None:
        cfg = self.config
        cfg.use_chords = False
        cfg.use_rests = False
        cfg.use_tempos = False
        cfg.use_time_signatures = False
        cfg.use_sustain_pedals = False
        cfg.use_pitch_bends = False
        if cfg.use_control_changes:
            cfg.use_control_changes = False
            warnings.warn(
                "Control changes are not supported by the Structured tokenization. Disabling them.",
                stacklevel=3,
            )
        cfg.use_pitch_intervals = False
        cfg.program_changes = False
        if cfg.use_key_signatures:
            warnings.warn(
                "Key signatures are not supported by Structured, as its token type "
                "successions are strict and do not allow global tokens. Disabling "
                "`use_key_signatures`.",
                stacklevel=3,
            )
            cfg.use_key_signatures = False
        for flag in _AC_FLAGS:
            setattr(cfg, flag, False)
