"""``miditok.attribute_controls.bar_attribute_controls`` under MidiTok's module name.

The bar-level attribute controls (defined in :mod:`miditok_cpp.attribute_controls`).
"""

from __future__ import annotations

from . import BarNoteDensity, BarNoteDuration, BarOnsetPolyphony, BarPitchClass

__all__ = ["BarNoteDensity", "BarNoteDuration", "BarOnsetPolyphony", "BarPitchClass"]
