"""``miditok.attribute_controls.bar_attribute_controls``: the bar-level attribute controls.

Each one is the C++ control of the extension (its tokens and computation) with MidiTok's
constructor and the Python bases of :mod:`.classes`.
"""

from __future__ import annotations

from typing import Any

from .. import _core
from .classes import BarAttributeControl, _NativeControl


class BarOnsetPolyphony(_core.BarOnsetPolyphony, _NativeControl, BarAttributeControl):
    """Bar-level control of the smallest and largest number of notes starting together in each
    bar (tokens ``ACBarOnsetPolyphonyMin_n`` / ``ACBarOnsetPolyphonyMax_n``)."""

    def __init__(self, polyphony_min: int, polyphony_max: int) -> None:
        """A control with tokens for the polyphonies from ``polyphony_min`` to
        ``polyphony_max``."""
        _core.BarOnsetPolyphony.__init__(self, polyphony_min, polyphony_max)

    def _init_args(self) -> tuple[Any, ...]:
        return (self.min_polyphony, self.max_polyphony)


class BarPitchClass(_core.BarPitchClass, _NativeControl, BarAttributeControl):
    """Bar-level control telling which pitch classes each bar holds (tokens
    ``ACBarPitchClass_0`` ... ``ACBarPitchClass_11``)."""

    def __init__(self) -> None:
        """The control (it takes no parameter)."""
        _core.BarPitchClass.__init__(self)


class BarNoteDensity(_core.BarNoteDensity, _NativeControl, BarAttributeControl):
    """Bar-level control of the number of notes of each bar (tokens ``ACBarNoteDensity_n``)."""

    def __init__(self, density_max: int) -> None:
        """A control with tokens from 0 to ``density_max``, the last one meaning "at least"
        (``ACBarNoteDensity_<density_max>+``)."""
        _core.BarNoteDensity.__init__(self, density_max)

    def _init_args(self) -> tuple[Any, ...]:
        return (self.density_max,)


class BarNoteDuration(_core.BarNoteDuration, _NativeControl, BarAttributeControl):
    """Bar-level control telling which note durations (whole to thirty-second) each bar holds
    (tokens ``ACBarNoteDurationWhole_0`` / ``_1`` ...)."""

    def __init__(self) -> None:
        """The control (it takes no parameter)."""
        _core.BarNoteDuration.__init__(self)


__all__ = ["BarNoteDensity", "BarNoteDuration", "BarOnsetPolyphony", "BarPitchClass"]
