// The bound on what one score may make an encoding allocate: its length in beats, at most
// base_beats + beats_per_event * (its number of events). A score past it (one note far in time
// at a tiny ticks-per-quarter: 37 bytes, billions of beats) fails fast with MidiError instead
// of allocating per-beat and per-bar tables. Documented in docs/limits.md; process-wide.
#pragma once

#include <cstdint>

#include "miditok/score/score.h"

namespace miditok {

/// The process-wide encode bound (see the header comment).
struct EncodeLimits {
  std::int64_t base_beats = std::int64_t{1} << 20;  ///< ~145 hours at 120 bpm, whatever the file
  std::int64_t beats_per_event = 256;               ///< more per note, tempo, pedal... of the file
};

/// The current bound.
EncodeLimits encode_limits();
/// Replaces the bound (values < 1 are raised to 1).
void set_encode_limits(const EncodeLimits& limits);
/// MidiError when the (preprocessed) score is longer than the bound allows.
void check_encode_limits(const Score& score);

}  // namespace miditok
