// Conversion of MidiTok's attribute_controls_indexes argument, shared by the encode bindings:
// {track_idx: {ac_idx: True | False | None | [bar_idx, ...]}} (any mappings and int sequences).
#pragma once

#include <nanobind/nanobind.h>

#include "miditok/attribute_controls/attribute_controls.h"

namespace miditok::bindings {

/// The C++ AcIndexes of a Python mapping (None gives none); True asks for every bar (kAllBars).
AcIndexes ac_indexes_from_python(nanobind::handle indexes);

}  // namespace miditok::bindings
