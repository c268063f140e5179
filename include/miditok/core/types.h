// Basic types shared by every component: the time unit (int32 ticks) and small helpers.
#pragma once

#include <cstdint>

namespace miditok {

/// Time in MIDI ticks. The whole core works in ticks; quarters and seconds are conversions.
using tick_t = std::int32_t;

/// A token id in a vocabulary.
using token_id_t = std::int32_t;

}  // namespace miditok
