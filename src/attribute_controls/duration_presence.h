// Shared by TrackNoteDuration and BarNoteDuration: which of the six note values (whole to
// thirty-second) appear exactly among a set of note durations.
#pragma once

#include <array>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "miditok/attribute_controls/attribute_control.h"

namespace miditok::detail {

/// The six note-value names, longest first, as in MidiTok's token types.
inline constexpr std::array<std::string_view, 6> kNoteValueNames = {
    "Whole", "Half", "Quarter", "Eight", "Sixteenth", "ThirtySecond"};

/// Tokens "<prefix><name>_{0,1}" for the six note values.
std::vector<std::string> note_value_tokens(std::string_view prefix);

/// One "<prefix><name>" event per note value: 1 if a duration equals tpq * factor exactly, else 0.
std::vector<AcEvent> note_value_events(std::string_view prefix, std::span<const Note> notes,
                                       tick_t ticks_per_quarter, tick_t time);

}  // namespace miditok::detail
