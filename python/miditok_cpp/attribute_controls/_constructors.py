"""The constructors of the attribute controls with MidiTok's Python signatures.

The controls are C++ classes; their nanobind constructors take MidiTok's arguments but show no
signature to ``inspect``. Each class gets here an ``__init__`` with MidiTok's parameters (names,
order, annotations) that calls the C++ constructor, so ``inspect.signature`` and ``help()`` show
MidiTok's. Calling the class may still go straight to the C++ constructor (nanobind's fast
construction path), which takes the same parameters by the same names, all required as in MidiTok.
"""

from __future__ import annotations

from collections.abc import Callable

from .._core import (
    BarNoteDensity,
    BarNoteDuration,
    BarOnsetPolyphony,
    BarPitchClass,
    TrackNoteDensity,
    TrackNoteDuration,
    TrackOnsetPolyphony,
    TrackRepetition,
)


def _install(cls, init) -> None:
    init.__name__ = "__init__"
    init.__qualname__ = f"{cls.__name__}.__init__"
    init.__module__ = cls.__module__
    cls.__init__ = init


def _track_onset_polyphony(self, polyphony_min: int, polyphony_max: int) -> None:
    """Track-level control of the smallest and largest number of notes starting together,
    with tokens for polyphonies from ``polyphony_min`` to ``polyphony_max``."""
    _NATIVE[TrackOnsetPolyphony](self, polyphony_min, polyphony_max)


def _track_note_density(self, density_min: int, density_max: int) -> None:
    """Track-level control of the least and most notes per bar, with tokens from
    ``density_min`` to ``density_max`` (the last one meaning "at least")."""
    _NATIVE[TrackNoteDensity](self, density_min, density_max)


def _track_note_duration(self) -> None:
    """Track-level control telling which note durations (whole to thirty-second) occur."""
    _NATIVE[TrackNoteDuration](self)


def _track_repetition(
    self, num_bins: int, num_consecutive_bars: int, pitch_range: tuple[int, int]
) -> None:
    """Track-level control of how much consecutive bars repeat themselves: the similarity of
    each ``num_consecutive_bars`` bars (pitches in ``pitch_range``), quantized in
    ``num_bins`` levels."""
    _NATIVE[TrackRepetition](self, num_bins, num_consecutive_bars, pitch_range)


def _bar_onset_polyphony(self, polyphony_min: int, polyphony_max: int) -> None:
    """Bar-level control of the smallest and largest number of notes starting together in
    each bar, with tokens from ``polyphony_min`` to ``polyphony_max``."""
    _NATIVE[BarOnsetPolyphony](self, polyphony_min, polyphony_max)


def _bar_pitch_class(self) -> None:
    """Bar-level control telling which pitch classes each bar holds."""
    _NATIVE[BarPitchClass](self)


def _bar_note_density(self, density_max: int) -> None:
    """Bar-level control of the number of notes of each bar, with tokens up to
    ``density_max`` (the last one meaning "at least")."""
    _NATIVE[BarNoteDensity](self, density_max)


def _bar_note_duration(self) -> None:
    """Bar-level control telling which note durations (whole to thirty-second) each bar
    holds."""
    _NATIVE[BarNoteDuration](self)


_INITS = (
    (TrackOnsetPolyphony, _track_onset_polyphony),
    (TrackNoteDensity, _track_note_density),
    (TrackNoteDuration, _track_note_duration),
    (TrackRepetition, _track_repetition),
    (BarOnsetPolyphony, _bar_onset_polyphony),
    (BarPitchClass, _bar_pitch_class),
    (BarNoteDensity, _bar_note_density),
    (BarNoteDuration, _bar_note_duration),
)
# The C++ constructors, called by the __init__ functions above.
_NATIVE: dict[type, Callable[..., None]] = {cls: cls.__init__ for cls, _ in _INITS}
for _cls, _init in _INITS:
    _install(_cls, _init)
