"""PerTok (Performance Tokenizer, by Lemonaide): TimeShift (or Position) Pitch [MicroTiming]
[Velocity] [Duration] and Bar tokens in the ticks of ``additional_params["ticks_per_quarter"]``;
the work is done by the C++ core."""

from __future__ import annotations

import numpy as np

from .tokenizer import MusicTokenizer


class PerTok(MusicTokenizer):
    """PerTok (Performance Tokenizer, by Lemonaide): expressive timing with few tokens.

    Made to represent many rhythmic values at once (16ths, 32nds, triplets of several kinds)
    with performance velocity and timing, while keeping the vocabulary and the sequences
    short. Everything is counted in ``additional_params["ticks_per_quarter"]`` ticks (scores
    are resampled to that resolution first; time tokens read ``beats.ticks.tpq``). Each note
    is ``[TimeShift] [Program] Pitch [Velocity] [Duration]`` (``PitchDrum`` for drums):

    - ``TimeShift`` moves the clock by the value nearest to the gap since the last time
      step, among the steps of the ``beat_res`` grids (and is left out for gaps under half
      the smallest step). Unlike the other tokenizations, ``beat_res`` may hold overlapping
      ranges (e.g. 4 and 3 steps per beat): their union gives the shifts, and durations
      are rounded to the nearest of the same values.
    - ``use_microtiming``: a ``MicroTiming_t`` token follows each ``Program``, ``Pitch`` /
      ``PitchDrum`` (and chord, pedal, pitch-bend or control-change token) and gives what
      the time shift left over, in ticks: one of ``num_microtiming_bins + 1`` values spread
      evenly over +-``max_microtiming_shift`` beats.
    - ``use_position_toks``: a ``Position_t`` token (the tick offset in the bar, on the same
      grid) in place of each time shift.
    - ``Bar`` tokens open each measure (4/4 until a time signature says otherwise), which
      keeps shifts short and limits drift on long sequences.

    Config options: ``use_programs`` (``Program`` before each note, every track in one token
    stream), ``use_tempos``, ``use_time_signatures``, ``use_velocities`` and the note
    durations (``use_note_duration_programs``) work as in the other tokenizations.
    ``additional_params``: ``ticks_per_quarter`` and ``use_microtiming`` are required (a
    default ``TokenizerConfig()`` is rejected), ``max_microtiming_shift`` and
    ``num_microtiming_bins`` are required with microtiming, ``use_position_toks`` defaults
    to False.

    Constructor: ``tokenizer_config`` (default None: a default ``TokenizerConfig()``) is the
    configuration the vocabulary is built from, adjusted as described above; ``params``
    (default None) is the path of a ``tokenizer.json`` written by :meth:`save`, loaded in its
    place (config, vocabulary and any trained model).
    """

    _class_name = "PerTok"

    def _cache_derived(self) -> None:
        super()._cache_derived()
        ap = self.config.additional_params
        self.tpq = ap["ticks_per_quarter"]
        self.use_microtiming = ap["use_microtiming"]
        self.max_mt_shift = ap.get("max_microtiming_shift", 0) * self.tpq
        self.use_position_toks = ap.get("use_position_toks", False)
        ticks = [b * r + s for b, s, r in self.durations]
        self.min_timeshift = int(min(ticks) * 0.5)
        self.timeshift_tick_values = self.create_timeshift_tick_values()
        if self.use_microtiming:
            self.microtiming_tick_values = np.array(
                [int(t.split("_")[1]) for t in self.vocab if t.startswith("MicroTiming_")],
                dtype=np.intc,
            )

    def create_timeshift_tick_values(self):
        """The time shifts in ticks a TimeShift token can stand for: 0 and each duration of
        ``self.durations`` (in ``ticks_per_quarter`` ticks), sorted, without repeats."""
        ticks = {0, *(b * r + s for b, s, r in self.durations)}
        return np.array(sorted(ticks))

    def create_microtiming_tick_values(self):
        """The microtiming offsets in ticks: ``num_microtiming_bins + 1`` values evenly spread
        from ``-max_mt_shift`` to ``max_mt_shift`` (as int32)."""
        bins = self.config.additional_params["num_microtiming_bins"]
        return np.linspace(-self.max_mt_shift, self.max_mt_shift, bins + 1, dtype=np.intc)
