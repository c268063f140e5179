"""Attribute controls, as ``miditok.attribute_controls``: the same classes and tokens, on C++.

Each control's ``compute(track, time_division, ticks_bars, ticks_beats, bars_idx)`` takes a track
with ``notes.numpy()`` and ``end()`` (a ``symusic`` track or ``miditok_cpp``'s) and returns events
whose ``str`` gives the token. Differences from MidiTok 3.1.0 (each tested): bar-level controls on a
subset of bars count only their own bar's notes, bars holding a single note get their controls,
``ACTrackOnsetPolyphonyMin`` is the real minimum, ``...ThirtySecond_*`` durations are emitted, an
empty track gives no events instead of raising, values below a non-default minimum are clamped.
A tokenizer created with ``ac_*`` parameters holds them in ``tokenizer.attribute_controls``;
``tokenizer.encode(..., attribute_controls_indexes=...)`` computes them in C++.
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
from ..utils.utils import get_bars_ticks
from . import _constructors  # noqa: F401  (MidiTok's constructor signatures)

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
    ticks_beats: Sequence[int] | None,
    bars_idx: Sequence[int] | None = None,
) -> list[Event]:
    """Computes this control's events on a track, as MidiTok's ``AttributeControl.compute``.

    ``track`` is a miditok_cpp or symusic track (ticks); ``time_division`` its score's ticks per
    quarter note; ``ticks_bars`` and ``ticks_beats`` the ticks where its bars and beats start
    (``ticks_beats`` may be None for controls that do not use beats); ``bars_idx`` the indexes
    of the bars a bar-level control computes on (default None: every bar; ignored by
    track-level controls). Returns the list of :class:`Event` whose ``str`` is the token.
    """
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


# A Python method of the bound class, not a binding: a nanobind method has no Python signature
# (inspect.signature fails on it) and MidiTok's compute is introspected like its other methods.
# The stub declares it (bindings/stub_patterns.txt).
AttributeControl.compute = _compute  # type: ignore[method-assign]


def _ratio(ratio: float | Sequence[float] | None) -> tuple[float, float] | None:
    if not ratio:
        return None
    if isinstance(ratio, (int, float)):
        return (float(ratio), float(ratio))
    return (float(ratio[0]), float(ratio[1]))


def _native_ratio_args(tracks_range, bars_range) -> dict:
    """The ratio keyword arguments the C++ batch calls (encode_batch, pre-tokenizing) take for
    DatasetMIDI-style random attribute-control ranges."""
    return {"ac_tracks_ratio": _ratio(tracks_range), "ac_bars_ratio": _ratio(bars_range)}


def _is_bar_level(ac: Any) -> bool:
    if isinstance(ac, AttributeControl):
        return bool(ac.is_bar_level)
    return any(c.__name__ == "BarAttributeControl" for c in type(ac).__mro__)


def _draw_ratio(ratio: float | Sequence[float]) -> float:
    return ratio if isinstance(ratio, (float, int)) else random.uniform(*ratio)


def create_random_ac_indexes(
    score: Any,
    attribute_controls: Sequence[AttributeControl],
    tracks_idx_ratio: float | Sequence[float] | None = None,
    bars_idx_ratio: float | Sequence[float] | None = None,
    seed: int | None = None,
    ticks_bars: Sequence[int] | None = None,
) -> Mapping[int, Mapping[int, bool | Sequence[int]]]:
    """
    Randomly create tracks and bars indexes for attribute controls computation.

    Returns ``{track_idx: {ac_idx: True (track-level) | [bar_idx, ...] (bar-level)}}`` as MidiTok.
    ``attribute_controls`` are the controls ``ac_idx`` indexes (a tokenizer's
    ``attribute_controls``); ``tracks_idx_ratio`` (default None: no track) is the ratio of the
    tracks of ``score`` that get controls, a number or a ``(min, max)`` range drawn from, and
    ``bars_idx_ratio`` (default None: no bar) the same for the bars of each bar-level control.
    Without ``seed``, the draws are MidiTok's, with Python's ``random`` (per track: the track
    ratio, a sample of the track-level controls, then per bar-level control a ratio and a sample
    of the bars up to the track's end), so the same ``random`` state gives MidiTok's indexes.
    With ``seed``, our portable seeded generator (C++) draws them, independently of ``random``.
    ``ticks_bars`` defaults to ``get_bars_ticks(score, only_notes_onsets=True)``.
    """
    if seed is not None:
        seed = int(seed) & 0xFFFFFFFFFFFFFFFF
        if ticks_bars is None:
            if not isinstance(score, Score):
                score = Score.from_symusic(score)
            raw = _create_random_ac_indexes_score(
                score,
                list(attribute_controls),
                _ratio(tracks_idx_ratio),
                _ratio(bars_idx_ratio),
                seed,
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

    # MidiTok's draws, call for call (random.uniform / random.sample).
    track_acs = [i for i, ac in enumerate(attribute_controls) if not _is_bar_level(ac)]
    bar_acs = [i for i, ac in enumerate(attribute_controls) if _is_bar_level(ac)]
    bar_ticks = None
    if bars_idx_ratio:
        if ticks_bars is None:
            ticks_bars = get_bars_ticks(score, only_notes_onsets=True)
        bar_ticks = np.asarray(ticks_bars)
    indexes: dict[int, dict[int, bool | list[int]]] = {}
    for track_idx, track in enumerate(score.tracks):
        track_indexes: dict[int, bool | list[int]] = {}
        if tracks_idx_ratio:
            k = round(len(track_acs) * _draw_ratio(tracks_idx_ratio))
            track_indexes = dict.fromkeys(random.sample(track_acs, k=k), True)
        if bars_idx_ratio:
            n_bars = int(np.count_nonzero(bar_ticks <= track.end()))
            for ac_idx in bar_acs:
                k = round(n_bars * _draw_ratio(bars_idx_ratio))
                track_indexes[ac_idx] = sorted(random.sample(range(n_bars), k=k))
        indexes[track_idx] = track_indexes
    return indexes


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
