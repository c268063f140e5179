// A compact, versioned binary form of a Score, lossless (unlike SMF, which drops pedals and
// reorders events). Used for pickling and for shipping scores between processes.
#pragma once

#include <string>
#include <string_view>

#include "miditok/score/score.h"

namespace miditok {

/// Serialises a Score to bytes (lossless; read back with deserialize_score).
std::string serialize_score(const Score& score);

/// Rebuilds a Score from serialize_score's bytes (MidiError if they are malformed).
Score deserialize_score(std::string_view bytes);

}  // namespace miditok
