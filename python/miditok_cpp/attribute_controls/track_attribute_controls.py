"""``miditok.attribute_controls.track_attribute_controls``: the track-level attribute controls.

Each one is the C++ control of the extension (its tokens and computation) with MidiTok's
constructor and the Python base of :mod:`.classes`.
"""

from __future__ import annotations

from typing import Any

from .. import _core
from .classes import AttributeControl, _NativeControl


class TrackOnsetPolyphony(_core.TrackOnsetPolyphony, _NativeControl, AttributeControl):
    """Track-level control of the smallest and largest number of notes starting together
    (tokens ``ACTrackOnsetPolyphonyMin_n`` / ``ACTrackOnsetPolyphonyMax_n``)."""

    def __init__(self, polyphony_min: int, polyphony_max: int) -> None:
        """A control with tokens for the polyphonies from ``polyphony_min`` to
        ``polyphony_max``."""
        _core.TrackOnsetPolyphony.__init__(self, polyphony_min, polyphony_max)

    def _init_args(self) -> tuple[Any, ...]:
        return (self.min_polyphony, self.max_polyphony)


class TrackNoteDensity(_core.TrackNoteDensity, _NativeControl, AttributeControl):
    """Track-level control of the least and most notes per bar (tokens
    ``ACTrackNoteDensityMin_n`` / ``ACTrackNoteDensityMax_n``)."""

    def __init__(self, density_min: int, density_max: int) -> None:
        """A control with tokens from ``density_min`` to ``density_max``, the last one meaning
        "at least"."""
        _core.TrackNoteDensity.__init__(self, density_min, density_max)

    def _init_args(self) -> tuple[Any, ...]:
        return (self.density_min, self.density_max)


class TrackNoteDuration(_core.TrackNoteDuration, _NativeControl, AttributeControl):
    """Track-level control telling which note durations (whole to thirty-second) occur (tokens
    ``ACTrackNoteDurationWhole_0`` / ``_1`` ...)."""

    def __init__(self) -> None:
        """The control (it takes no parameter)."""
        _core.TrackNoteDuration.__init__(self)


class TrackRepetition(_core.TrackRepetition, _NativeControl, AttributeControl):
    """Track-level control of how much consecutive bars repeat themselves (tokens
    ``ACTrackRepetition_0.00`` ... ``ACTrackRepetition_1.00``)."""

    def __init__(
        self, num_bins: int, num_consecutive_bars: int, pitch_range: tuple[int, int]
    ) -> None:
        """A control measuring the similarity of each ``num_consecutive_bars`` bars (pitches in
        ``pitch_range``, low included, high excluded), quantized in ``num_bins`` levels."""
        _core.TrackRepetition.__init__(self, num_bins, num_consecutive_bars, pitch_range)

    def _init_args(self) -> tuple[Any, ...]:
        return (self.num_bins, self.num_consecutive_bars, self.pitch_range)


__all__ = ["TrackNoteDensity", "TrackNoteDuration", "TrackOnsetPolyphony", "TrackRepetition"]
