// A Score: a whole piece in ticks (tracks plus global tempo, time and key signature maps and
// markers), owned by value. Operations on it live in score/score_ops.h.
#pragma once

#include <vector>

#include "miditok/score/track.h"

namespace miditok {

/// A piece of music at a given resolution (ticks per quarter note).
struct Score {
  tick_t ticks_per_quarter = 480;
  std::vector<Track> tracks;
  std::vector<TimeSignature> time_signatures;
  std::vector<KeySignature> key_signatures;
  std::vector<Tempo> tempos;
  std::vector<TextMeta> markers;

  bool operator==(const Score&) const = default;
};

}  // namespace miditok
