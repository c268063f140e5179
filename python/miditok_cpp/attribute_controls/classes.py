"""``miditok.attribute_controls.classes`` under MidiTok's module name.

The attribute control base classes and create_random_ac_indexes (defined in
:mod:`miditok_cpp.attribute_controls`).
"""

from __future__ import annotations

from . import AttributeControl, BarAttributeControl, create_random_ac_indexes

__all__ = ["AttributeControl", "BarAttributeControl", "create_random_ac_indexes"]
