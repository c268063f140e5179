// The track-level attribute controls of MidiTok 3.1.0: onset polyphony, note density per bar,
// note durations present and repetition between bars. Their events have time -1.
#pragma once

#include <utility>
#include <vector>

#include "miditok/attribute_controls/attribute_control.h"

namespace miditok {

/// Min and max number of notes starting at the same tick, clamped to [polyphony_min, max].
class TrackOnsetPolyphony final : public AttributeControl {
 public:
  /// Tokens ACTrackOnsetPolyphonyMin_{min..max} then ACTrackOnsetPolyphonyMax_{min..max}.
  TrackOnsetPolyphony(int polyphony_min, int polyphony_max);
  std::string_view name() const override { return "TrackOnsetPolyphony"; }
  bool is_bar_level() const override { return false; }
  std::vector<AcEvent> compute_notes(std::span<const Note> notes, tick_t track_end,
                                     tick_t ticks_per_quarter, std::span<const tick_t> bars_ticks,
                                     std::span<const tick_t> beats_ticks,
                                     std::span<const int> bar_indexes) const override;
  int polyphony_min() const { return min_; }
  int polyphony_max() const { return max_; }

 private:
  int min_, max_;
};

/// Min and max number of notes per bar over the track ("<max>+" at or above density_max).
class TrackNoteDensity final : public AttributeControl {
 public:
  /// Tokens ACTrackNoteDensityMin_{min..max-1}, ...Max_{min..max-1}, then Min/Max_{max}+.
  TrackNoteDensity(int density_min, int density_max);
  std::string_view name() const override { return "TrackNoteDensity"; }
  bool is_bar_level() const override { return false; }
  std::vector<AcEvent> compute_notes(std::span<const Note> notes, tick_t track_end,
                                     tick_t ticks_per_quarter, std::span<const tick_t> bars_ticks,
                                     std::span<const tick_t> beats_ticks,
                                     std::span<const int> bar_indexes) const override;
  int density_min() const { return min_; }
  int density_max() const { return max_; }

 private:
  int min_, max_;
};

/// Whether notes of exactly 4, 2, 1, 1/2, 1/4 and 1/8 quarters exist in the track (0 or 1 each).
class TrackNoteDuration final : public AttributeControl {
 public:
  /// Tokens ACTrackNoteDuration{Whole,Half,Quarter,Eight,Sixteenth,ThirtySecond}_{0,1}.
  TrackNoteDuration();
  std::string_view name() const override { return "TrackNoteDuration"; }
  bool is_bar_level() const override { return false; }
  std::vector<AcEvent> compute_notes(std::span<const Note> notes, tick_t track_end,
                                     tick_t ticks_per_quarter, std::span<const tick_t> bars_ticks,
                                     std::span<const tick_t> beats_ticks,
                                     std::span<const int> bar_indexes) const override;
};

/// Mean onset/offset pianoroll overlap of each bar with its next bars, snapped to num_bins levels.
class TrackRepetition final : public AttributeControl {
 public:
  /// Tokens ACTrackRepetition_{linspace(0, 1, num_bins) as %.2f}; pitch_range is [lo, hi).
  TrackRepetition(int num_bins, int num_consecutive_bars, std::pair<int, int> pitch_range);
  std::string_view name() const override { return "TrackRepetition"; }
  bool is_bar_level() const override { return false; }
  std::vector<AcEvent> compute_notes(std::span<const Note> notes, tick_t track_end,
                                     tick_t ticks_per_quarter, std::span<const tick_t> bars_ticks,
                                     std::span<const tick_t> beats_ticks,
                                     std::span<const int> bar_indexes) const override;
  int num_bins() const { return static_cast<int>(bins_.size()); }
  int num_consecutive_bars() const { return num_consecutive_bars_; }
  std::pair<int, int> pitch_range() const { return pitch_range_; }

 private:
  std::vector<double> bins_;
  int num_consecutive_bars_;
  std::pair<int, int> pitch_range_;
};

}  // namespace miditok
