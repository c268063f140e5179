"""Attribute controls, as ``miditok.attribute_controls``: the same classes and tokens, on C++.

Each control's ``compute(track, time_division, ticks_bars, ticks_beats, bars_idx)`` takes a track
with ``notes.numpy()`` and ``end()`` (a ``symusic`` track or ``miditok_cpp``'s) and returns events
whose ``str`` gives the token. Differences from MidiTok 3.1.0 (each tested): bar-level controls on a
subset of bars count only their own bar's notes, bars holding a single note get their controls,
``ACTrackOnsetPolyphonyMin`` is the real minimum, ``...ThirtySecond_*`` durations are emitted, an
empty track gives no events instead of raising.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Any

import numpy as np

from .._core import (
    AttributeControl,
    BarAttributeControl,
    BarNoteDensity,
    BarNoteDuration,
    BarOnsetPolyphony,
    BarPitchClass,
    Score,
    Track,
    TrackNoteDensity,
    TrackNoteDuration,
    TrackOnsetPolyphony,
    TrackRepetition,
    _create_random_ac_indexes,
    _create_random_ac_indexes_score,
)
from ..classes import Event

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence


def _value(raw: str) -> int | str:
    # MidiTok's values are ints except "<n>+" densities and "0.50"-style repetition levels.
    return int(raw) if raw.isdigit() else raw


def _note_arrays(track: Any) -> dict[str, np.ndarray]:
    soa = track.notes.numpy()
    return {
        k: np.ascontiguousarray(soa[k], dtype=np.int32)
        for k in ("time", "duration", "pitch", "velocity")
    }


def _compute(
    self: AttributeControl,
    track: Any,
    time_division: int,
    ticks_bars: Sequence[int],
    ticks_beats: Sequence[int],
    bars_idx: Sequence[int] | None = None,
) -> list[Event]:
    """Compute the control's events for a track (bar-level ones on the bars of ``bars_idx``)."""
    if bars_idx is None:
        bars_idx = range(len(ticks_bars))
    bars_idx = [int(b) for b in bars_idx] if not isinstance(bars_idx, bool) else []
    if isinstance(track, Track):
        raw = self._compute_track(
            track,
            int(time_division),
            [int(t) for t in ticks_bars],
            [int(t) for t in ticks_beats] if ticks_beats is not None else [],
            bars_idx,
        )
        return [Event(t, _value(v), time) for t, v, time in raw]
    notes = _note_arrays(track)
    raw = self._compute_arrays(
        notes["time"],
        notes["duration"],
        notes["pitch"],
        notes["velocity"],
        int(track.end()),
        int(time_division),
        [int(t) for t in ticks_bars],
        [int(t) for t in ticks_beats] if ticks_beats is not None else [],
        bars_idx,
    )
    return [Event(t, _value(v), time) for t, v, time in raw]


AttributeControl.compute = _compute


def _ratio(ratio: float | tuple[float, float] | None) -> tuple[float, float] | None:
    if not ratio:
        return None
    if isinstance(ratio, (int, float)):
        return (float(ratio), float(ratio))
    return (float(ratio[0]), float(ratio[1]))


def create_random_ac_indexes(
    score: Any,
    attribute_controls: Sequence[AttributeControl],
    tracks_idx_ratio: float | tuple[float, float] | None = None,
    bars_idx_ratio: float | tuple[float, float] | None = None,
    seed: int | None = None,
    ticks_bars: Sequence[int] | None = None,
) -> Mapping[int, Mapping[int, bool | Sequence[int]]]:
    """
    Randomly create tracks and bars indexes for attribute controls computation.

    Returns ``{track_idx: {ac_idx: True (track-level) | [bar_idx, ...] (bar-level)}}`` as MidiTok.
    ``seed`` makes the draw reproducible; when ``None`` it is drawn from Python's ``random``, so
    ``random.seed()`` also makes it reproducible. ``ticks_bars`` defaults to
    ``get_bars_ticks(score, only_notes_onsets=True)``.
    """
    seed = (random.getrandbits(64) if seed is None else int(seed)) & 0xFFFFFFFFFFFFFFFF
    if ticks_bars is None:
        if not isinstance(score, Score):
            score = Score.from_symusic(score)
        raw = _create_random_ac_indexes_score(
            score, list(attribute_controls), _ratio(tracks_idx_ratio), _ratio(bars_idx_ratio), seed
        )
    else:
        raw = _create_random_ac_indexes(
            [int(t.end()) for t in score.tracks],
            list(attribute_controls),
            _ratio(tracks_idx_ratio),
            _ratio(bars_idx_ratio),
            [int(t) for t in ticks_bars],
            seed,
        )
    return {
        ti: {
            ac_idx: (bars if attribute_controls[ac_idx].is_bar_level else True)
            for ac_idx, bars in entries
        }
        for ti, entries in raw.items()
    }


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
