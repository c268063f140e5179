"""BEAT (Beat-wise Encoding for Autoregressive Transformers): a sparse three-state piano roll
(silence, onset, sustain) read beat by beat, four steps per beat; the work is done by the C++
core."""

from __future__ import annotations

from .tokenizer import _AC_FLAGS, MusicTokenizer


class BEAT(MusicTokenizer):
    """BEAT: per beat and per track (sorted by program, drums last), a Program block of
    descending pitches (the first absolute, then downward intervals; PitchDrum stays absolute),
    each with a Pattern token (four base-3 digits: silence 0, onset 1, sustain 2) and its
    Velocity averaged over the sounding steps. Bar and Beat delimit the grid (the time signature
    denominator is the beat), Rest_None fills silent beats and silent blocks of tracks sharing a
    program; tempos and key signatures move to bar lines.

    Programs, time signatures and one token stream are forced on; rests, chords, pitch
    intervals, pedals, pitch bends, control changes and attribute controls are forced off.
    """

    _class_name = "BEAT"

    def _tweak_config_before_creating_voc(self) -> None:
        cfg = self.config
        cfg.use_programs = True
        cfg.use_time_signatures = True
        cfg.one_token_stream_for_programs = True
        cfg.beat_res = {(0, 1): 4}
        cfg.use_note_duration_programs = cfg.programs
        cfg.use_rests = False
        cfg.use_pitch_intervals = False
        cfg.use_chords = False
        cfg.use_sustain_pedals = False
        cfg.sustain_pedal_duration = False
        cfg.use_control_changes = False
        cfg.use_pitch_bends = False
        for flag in _AC_FLAGS:
            setattr(cfg, flag, False)
