"""PerTok (Performance Tokenizer, by Lemonaide): TimeShift (or Position) Pitch [MicroTiming]
[Velocity] [Duration] and Bar tokens in the ticks of ``additional_params["ticks_per_quarter"]``;
the work is done by the C++ core."""

from __future__ import annotations

import numpy as np

from .tokenizer import MusicTokenizer


class PerTok(MusicTokenizer):
    """PerTok: time shifts quantized to the closest beat_res value (ranges may overlap, e.g.
    4 and 3 positions per beat), the remainder as a MicroTiming token.

    additional_params: ``ticks_per_quarter`` and ``use_microtiming`` (required),
    ``max_microtiming_shift`` (in beats) and ``num_microtiming_bins`` (with microtiming),
    ``use_position_toks`` (Position tokens in place of TimeShift).
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
