"""``miditok.attribute_controls.track_attribute_controls`` under MidiTok's module name.

The track-level attribute controls (defined in :mod:`miditok_cpp.attribute_controls`).
"""

from __future__ import annotations

from . import TrackNoteDensity, TrackNoteDuration, TrackOnsetPolyphony, TrackRepetition

__all__ = ["TrackNoteDensity", "TrackNoteDuration", "TrackOnsetPolyphony", "TrackRepetition"]
