// The encode bound: a score's length in beats against base + per-event allowance.
#include "miditok/tokenizer/encode_limits.h"

#include <algorithm>
#include <atomic>
#include <string>

#include "miditok/core/error.h"
#include "miditok/score/score_ops.h"

namespace miditok {
namespace {

std::atomic<std::int64_t> g_base_beats{EncodeLimits{}.base_beats};
std::atomic<std::int64_t> g_beats_per_event{EncodeLimits{}.beats_per_event};

std::int64_t num_events(const Score& score) {
  std::int64_t n = static_cast<std::int64_t>(score.tempos.size() + score.time_signatures.size() +
                                             score.key_signatures.size() + score.markers.size());
  for (const Track& t : score.tracks) {
    n += static_cast<std::int64_t>(t.notes.size() + t.controls.size() + t.pitch_bends.size() +
                                   t.pedals.size() + t.lyrics.size());
  }
  return n;
}

}  // namespace

EncodeLimits encode_limits() {
  return {g_base_beats.load(std::memory_order_relaxed),
          g_beats_per_event.load(std::memory_order_relaxed)};
}

void set_encode_limits(const EncodeLimits& limits) {
  g_base_beats.store(std::max<std::int64_t>(1, limits.base_beats), std::memory_order_relaxed);
  g_beats_per_event.store(std::max<std::int64_t>(1, limits.beats_per_event),
                          std::memory_order_relaxed);
}

void check_encode_limits(const Score& score) {
  if (score.ticks_per_quarter <= 0) return;  // refused by the steps that need it
  int max_denominator = 4;
  for (const TimeSignature& ts : score.time_signatures) {
    max_denominator = std::max(max_denominator, static_cast<int>(ts.denominator));
  }
  // The shortest beat any time signature gives: the most beats the score can hold.
  const std::int64_t beat_ticks =
      std::max<std::int64_t>(1, std::int64_t{score.ticks_per_quarter} * 4 / max_denominator);
  const std::int64_t beats = static_cast<std::int64_t>(score_end(score)) / beat_ticks;
  const EncodeLimits limits = encode_limits();
  const std::int64_t events = num_events(score);
  const std::int64_t bound =
      limits.base_beats + std::min<std::int64_t>(events, INT64_MAX / 2 / limits.beats_per_event) *
                              limits.beats_per_event;
  if (beats > bound) {
    throw MidiError(
        "the score lasts " + std::to_string(beats) + " beats for " + std::to_string(events) +
        " event(s), past the encode bound of " + std::to_string(bound) + " beats (base_beats " +
        std::to_string(limits.base_beats) + " + beats_per_event " +
        std::to_string(limits.beats_per_event) + " per event; set_encode_limits, docs/limits.md)");
  }
}

}  // namespace miditok
