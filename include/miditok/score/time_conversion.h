// Conversions between ticks and quarter notes or seconds, with symusic 0.6.0's arithmetic
// (float32 results, float32 pivots accumulated tempo by tempo, std::round back to ticks), so
// that times match symusic's ScoreQuarter / ScoreSecond event for event.
#pragma once

#include <span>
#include <vector>

#include "miditok/score/score.h"

namespace miditok {

/// Tick times as quarter notes: float(t) / float(tpq).
std::vector<float> ticks_to_quarters(const Score& score, std::span<const tick_t> ticks);

/// Quarter-note times as ticks: round(q * tpq) in float32.
std::vector<tick_t> quarters_to_ticks(const Score& score, std::span<const float> quarters);

/// The tempo map of a score, converting ticks to seconds and back as symusic does.
class TempoMap {
 public:
  /// Builds the map from the score's tempos (500000 mspq before the first, and if none).
  explicit TempoMap(const Score& score);

  /// Seconds at a tick.
  float seconds(tick_t tick) const;
  /// Tick at a time in seconds (rounded to the nearest tick).
  tick_t ticks(float seconds) const;

 private:
  double tpq_;
  std::vector<tick_t> tick_pivots_;
  std::vector<float> second_pivots_;
  std::vector<double> sec_per_tick_;
  // The Second -> Tick direction keeps its own pivots (rounded ticks), as symusic's does.
  std::vector<tick_t> back_tick_pivots_;
  std::vector<float> back_second_pivots_;
  std::vector<double> tick_per_sec_;
};

/// Tick times in seconds through the score's tempo map.
std::vector<float> ticks_to_seconds(const Score& score, std::span<const tick_t> ticks);

/// Times in seconds as ticks through the score's tempo map.
std::vector<tick_t> seconds_to_ticks(const Score& score, std::span<const float> seconds);

}  // namespace miditok
