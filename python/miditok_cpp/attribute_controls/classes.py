"""``miditok.attribute_controls.classes``: the attribute-control bases and
``create_random_ac_indexes``.

:class:`AttributeControl` and :class:`BarAttributeControl` are plain Python classes, as MidiTok's:
a user subclasses them with their own ``tokens`` and ``compute``. The built-in controls
(:mod:`.bar_attribute_controls`, :mod:`.track_attribute_controls`) derive from one C++ class of
the extension (its computation) and from these bases, through :class:`_NativeControl`, whose
``compute`` calls the C++ one.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Any

import numpy as np

from .._core import AttributeControl as _CoreControl
from .._core import Score, Track, _create_random_ac_indexes, _create_random_ac_indexes_score
from ..classes import Event
from ..utils.utils import get_bars_ticks

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence


class AttributeControl:
    r"""Base of the attribute controls: the tokens a control can produce and how they are
    computed from a track (MidiTok's ``AttributeControl``).

    A control written in Python subclasses this class, passes its tokens to this constructor
    and defines :meth:`compute`. Track-level controls give their events the time -1 (they come
    first in the track's sequence); bar-level ones derive from :class:`BarAttributeControl`.
    The built-in controls (``BarNoteDensity`` ... ``TrackRepetition``) compute in C++; a
    tokenizer's ``add_attribute_control`` and ``encode`` take those only (docs/differences.md).

    :param tokens: the tokens of the control (strings such as ``"ACTrackRepetition_0.50"``).
    """

    def __init__(self, tokens: Sequence[str]) -> None:
        self.tokens: Any = tokens  # a property of the C++ base in the built-in controls

    def compute(
        self,
        track: Any,
        time_division: int,
        ticks_bars: Sequence[int],
        ticks_beats: Sequence[int],
        bars_idx: Sequence[int],
    ) -> list[Event]:
        """The events of this control on ``track`` (a ``symusic`` track or ours, in ticks).

        :param track: the track to compute the control from.
        :param time_division: the ticks per quarter note of the track's score.
        :param ticks_bars: the ticks where the bars start.
        :param ticks_beats: the ticks where the beats start.
        :param bars_idx: the sorted indexes of the bars a bar-level control is computed on.
        :return: the control's events (:class:`Event`, whose ``str`` is the token).
        """
        raise NotImplementedError


class BarAttributeControl(AttributeControl):
    """Base of the bar-level attribute controls: their events are computed per bar and placed
    at the start of each bar (MidiTok's ``BarAttributeControl``)."""


def _value(raw: str) -> int | str:
    # MidiTok's values are ints except "<n>+" densities and "0.50"-style repetition levels.
    return int(raw) if raw.isdigit() else raw


def _ints(values: Sequence[int] | None) -> list[int]:
    return [] if values is None else [int(v) for v in values]


class _NativeControl:
    """The part the built-in controls share: ``compute`` through the C++ class they derive from,
    and pickling by their constructor arguments (``_init_args``)."""

    def compute(
        self,
        track: Any,
        time_division: int,
        ticks_bars: Sequence[int],
        ticks_beats: Sequence[int] | None,
        bars_idx: Sequence[int] | None = None,
    ) -> list[Event]:
        """Computes this control's events on a track, as MidiTok's ``compute``.

        ``track`` is a miditok_cpp or symusic track (ticks); ``time_division`` its score's ticks
        per quarter note; ``ticks_bars`` and ``ticks_beats`` the ticks where its bars and beats
        start (``ticks_beats`` may be None for controls that do not use beats); ``bars_idx``
        the indexes of the bars a bar-level control computes on (default None: every bar;
        ignored by track-level controls). Returns the list of :class:`Event` whose ``str`` is
        the token.
        """
        assert isinstance(self, _CoreControl)  # the C++ base of every built-in control
        if bars_idx is None:
            bars_idx = range(len(ticks_bars))
        bars = [int(b) for b in bars_idx] if not isinstance(bars_idx, bool) else []
        args = (int(time_division), _ints(ticks_bars), _ints(ticks_beats), bars)
        if isinstance(track, Track):
            raw = self._compute_track(track, *args)
        else:
            soa = track.notes.numpy()
            notes = [
                np.ascontiguousarray(soa[k], dtype=np.int32)
                for k in ("time", "duration", "pitch", "velocity")
            ]
            time, duration, pitch, velocity = notes
            raw = self._compute_arrays(time, duration, pitch, velocity, int(track.end()), *args)
        return [Event(t, _value(v), time) for t, v, time in raw]

    def _init_args(self) -> tuple[Any, ...]:
        """The constructor arguments giving this control back."""
        return ()

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), self._init_args())


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
    # Ours, a user's subclass, or MidiTok's own controls (generic dataset path): by the base.
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
    With ``seed``, our portable seeded generator (C++) draws them, independently of ``random``
    (built-in controls only).
    ``ticks_bars`` defaults to ``get_bars_ticks(score, only_notes_onsets=True)``.
    """
    if seed is not None:
        seed = int(seed) & 0xFFFFFFFFFFFFFFFF
        native: list[Any] = list(attribute_controls)  # built-in controls (C++)
        if ticks_bars is None:
            if not isinstance(score, Score):
                score = Score.from_symusic(score)
            raw = _create_random_ac_indexes_score(
                score,
                native,
                _ratio(tracks_idx_ratio),
                _ratio(bars_idx_ratio),
                seed,
            )
        else:
            raw = _create_random_ac_indexes(
                [int(t.end()) for t in score.tracks],
                native,
                _ratio(tracks_idx_ratio),
                _ratio(bars_idx_ratio),
                [int(t) for t in ticks_bars],
                seed,
            )
        return {
            ti: {
                ac_idx: (bars if _is_bar_level(attribute_controls[ac_idx]) else True)
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


__all__ = ["AttributeControl", "BarAttributeControl", "create_random_ac_indexes"]
