// The byte layout symusic 0.6 pickles a tick-unit Score or Track with (its __getstate__ /
// __setstate__): little-endian, u32 counts and string lengths, each event as its C struct's
// memory (padding included). Writing it lets the Python package hand a whole Score to symusic in
// one call.
#pragma once

#include <string>
#include <string_view>

#include "miditok/score/score.h"

namespace miditok {

/// The score as symusic's ScoreTick state bytes.
std::string to_symusic_state(const Score& score);

/// A score from symusic's ScoreTick state bytes (MidiError if they are malformed).
Score from_symusic_state(std::string_view state);

/// The track as symusic's TrackTick state bytes.
std::string track_to_symusic_state(const Track& track);

/// A track from symusic's TrackTick state bytes (MidiError if they are malformed).
Track track_from_symusic_state(std::string_view state);

}  // namespace miditok
