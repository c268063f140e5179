"""Attribute controls, as ``miditok.attribute_controls``: the same classes and tokens, on C++.

The classes live in MidiTok's modules (:mod:`.classes`, :mod:`.bar_attribute_controls`,
:mod:`.track_attribute_controls`). Each control's ``compute(track, time_division, ticks_bars,
ticks_beats, bars_idx)`` takes a track with ``notes.numpy()`` and ``end()`` (a ``symusic`` track or
``miditok_cpp``'s) and returns events whose ``str`` gives the token. Differences from MidiTok
3.1.0 (each tested): bar-level controls on a subset of bars count only their own bar's notes,
bars holding a single note get their controls, ``ACTrackOnsetPolyphonyMin`` is the real minimum,
``...ThirtySecond_*`` durations are emitted, an empty track gives no events instead of raising,
values below a non-default minimum are clamped. A tokenizer created with ``ac_*`` parameters
holds them in ``tokenizer.attribute_controls``; ``tokenizer.encode(...,
attribute_controls_indexes=...)`` computes them in C++.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..classes import Event
from . import bar_attribute_controls, track_attribute_controls
from .bar_attribute_controls import (
    BarNoteDensity,
    BarNoteDuration,
    BarOnsetPolyphony,
    BarPitchClass,
)
from .classes import AttributeControl, BarAttributeControl, create_random_ac_indexes
from .track_attribute_controls import (
    TrackNoteDensity,
    TrackNoteDuration,
    TrackOnsetPolyphony,
    TrackRepetition,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .._core import AttributeControl as _CoreControl

# The built-in controls by class name: the public names of the two control modules.
_BUILT_IN: dict[str, Any] = {
    name: getattr(module, name)
    for module in (bar_attribute_controls, track_attribute_controls)
    for name in module.__all__
}


def _python_controls(controls: Iterable[_CoreControl]) -> list[AttributeControl]:
    """The controls a C++ tokenizer holds, as instances of the classes above: one the user
    added is already one; one the tokenizer built from its config is made again from its
    parameters."""
    out: list[AttributeControl] = []
    for control in controls:
        if not isinstance(control, AttributeControl):
            cls = _BUILT_IN[control.name]
            control = cls(*cls._init_args(control))
        out.append(control)
    return out


__all__ = (
    "AttributeControl",
    "BarAttributeControl",
    "BarNoteDensity",
    "BarNoteDuration",
    "BarOnsetPolyphony",
    "BarPitchClass",
    "Event",
    "TrackNoteDensity",
    "TrackNoteDuration",
    "TrackOnsetPolyphony",
    "TrackRepetition",
    "create_random_ac_indexes",
)
