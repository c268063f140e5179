// Piano rolls (see pianoroll.h): one pass over the notes per track, writing every mode's channel.
#include "miditok/score/pianoroll.h"

#include <algorithm>
#include <new>
#include <string>

#include "miditok/core/error.h"
#include "miditok/score/score_ops.h"

namespace miditok {
namespace {

void check_options(const PianorollOptions& o) {
  if (o.pitch_lo < 0 || o.pitch_hi > 128 || o.pitch_lo >= o.pitch_hi) {
    throw ConfigError("pianoroll: pitch_range [" + std::to_string(o.pitch_lo) + ", " +
                      std::to_string(o.pitch_hi) + ") is invalid (need 0 <= lo < hi <= 128)");
  }
}

// Number of columns: ticks 0..end inclusive (a negative end still gives one column).
std::size_t columns(tick_t end) { return static_cast<std::size_t>(std::max<tick_t>(end, 0)) + 1; }

Pianoroll allocate(std::vector<std::size_t> shape) {
  std::size_t bytes = 1;  // capped at kMaxPianorollBytes + 1 (a zero dimension makes it 0)
  for (std::size_t d : shape) bytes = d == 0 ? 0 : std::min(bytes, kMaxPianorollBytes / d + 1) * d;
  if (bytes > kMaxPianorollBytes) {
    throw ConfigError("pianoroll: the tensor would exceed " +
                      std::to_string(kMaxPianorollBytes >> 30) +
                      " GiB; resample the score to fewer ticks per quarter first");
  }
  auto* p = static_cast<std::uint8_t*>(std::calloc(std::max<std::size_t>(bytes, 1), 1));
  if (p == nullptr) throw std::bad_alloc();
  return Pianoroll{std::move(shape), {p, {}}, {p, bytes}};
}

// Writes `track` into out[mode * mode_stride + (pitch - lo) * cols + tick].
void fill(const Track& track, const PianorollOptions& o, std::uint8_t* out, std::size_t mode_stride,
          std::size_t cols) {
  const auto last = static_cast<std::int64_t>(cols);
  for (const Note& n : track.notes) {
    if (n.pitch < o.pitch_lo || n.pitch >= o.pitch_hi) continue;
    const auto value = o.encode_velocity ? static_cast<std::uint8_t>(n.velocity) : std::uint8_t{1};
    std::uint8_t* row = out + static_cast<std::size_t>(n.pitch - o.pitch_lo) * cols;
    const std::int64_t start = n.time;
    const std::int64_t end = static_cast<std::int64_t>(n.time) + n.duration;
    for (std::size_t m = 0; m < o.modes.size(); ++m) {
      std::int64_t a = start, b = start + 1;  // onset
      if (o.modes[m] == PianorollMode::Frame) b = end;
      if (o.modes[m] == PianorollMode::Offset) a = end, b = end + 1;
      a = std::max<std::int64_t>(a, 0);
      b = std::min(b, last);
      if (a < b) std::fill(row + m * mode_stride + a, row + m * mode_stride + b, value);
    }
  }
}

}  // namespace

PianorollMode parse_pianoroll_mode(std::string_view name) {
  if (name == "onset") return PianorollMode::Onset;
  if (name == "frame") return PianorollMode::Frame;
  if (name == "offset") return PianorollMode::Offset;
  throw ConfigError("pianoroll: unknown mode '" + std::string(name) +
                    "' (expected onset, frame or offset)");
}

Pianoroll track_pianoroll(const Track& track, const PianorollOptions& o) {
  check_options(o);
  const std::size_t pitches = static_cast<std::size_t>(o.pitch_hi - o.pitch_lo);
  const std::size_t cols = columns(track_end(track));
  Pianoroll roll = allocate({o.modes.size(), pitches, cols});
  fill(track, o, roll.data.data(), pitches * cols, cols);
  return roll;
}

Pianoroll score_pianoroll(const Score& score, const PianorollOptions& o) {
  check_options(o);
  const std::size_t pitches = static_cast<std::size_t>(o.pitch_hi - o.pitch_lo);
  const std::size_t cols = columns(score_end(score));
  const std::size_t tracks = score.tracks.size();
  Pianoroll roll = allocate({o.modes.size(), tracks, pitches, cols});
  for (std::size_t t = 0; t < tracks; ++t) {
    fill(score.tracks[t], o, roll.data.data() + t * pitches * cols, tracks * pitches * cols, cols);
  }
  return roll;
}

}  // namespace miditok
