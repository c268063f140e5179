// Piano rolls of a Track or a Score as a dense uint8 tensor, as symusic's pianoroll() builds them:
// one channel per mode (onset, frame, offset), one row per pitch of [lo, hi), one column per tick
// from 0 to the end of the piece inclusive.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "miditok/score/score.h"

namespace miditok {

/// What a channel of the piano roll marks: the onset tick, every sounding tick, or the end tick.
enum class PianorollMode : std::uint8_t { Onset, Frame, Offset };

/// Parses "onset", "frame" or "offset"; throws ConfigError for any other name.
PianorollMode parse_pianoroll_mode(std::string_view name);

/// A dense C-order uint8 tensor and its shape. The buffer comes from calloc, so the pages of a
/// large, mostly empty roll are only touched where notes are written (as numpy.zeros does).
struct Pianoroll {
  struct Free {
    void operator()(std::uint8_t* p) const noexcept { std::free(p); }
  };
  std::vector<std::size_t> shape;
  std::unique_ptr<std::uint8_t[], Free> buffer;
  std::span<std::uint8_t> data;  ///< the whole buffer
};

/// Options shared by the track and score piano rolls.
struct PianorollOptions {
  std::vector<PianorollMode> modes{PianorollMode::Frame, PianorollMode::Onset};
  int pitch_lo = 0;              ///< first pitch row (inclusive), 0..127
  int pitch_hi = 128;            ///< last pitch row (exclusive), pitch_lo < pitch_hi <= 128
  bool encode_velocity = false;  ///< cells hold the velocity instead of 1
};

/// Largest tensor built, in bytes; a larger one throws ConfigError (resample the score first).
inline constexpr std::size_t kMaxPianorollBytes = std::size_t{4} << 30;

/// Shape (modes, pitches, track_end + 1). Notes are written in list order, a later one
/// overwriting an earlier one; pitches outside the range and ticks before 0 are left out.
Pianoroll track_pianoroll(const Track& track, const PianorollOptions& options);

/// Shape (modes, tracks, pitches, score_end + 1), each track as in track_pianoroll.
Pianoroll score_pianoroll(const Score& score, const PianorollOptions& options);

}  // namespace miditok
