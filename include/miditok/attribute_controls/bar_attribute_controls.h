// The bar-level attribute controls of MidiTok 3.1.0: onset polyphony, pitch classes, note density
// and note durations present, each computed on the notes starting in one bar.
#pragma once

#include <vector>

#include "miditok/attribute_controls/attribute_control.h"

namespace miditok {

/// Min and max number of notes starting at the same tick within the bar, clamped to [min, max].
class BarOnsetPolyphony final : public BarAttributeControl {
 public:
  /// Tokens ACBarOnsetPolyphonyMin_{min..max} then ACBarOnsetPolyphonyMax_{min..max}.
  BarOnsetPolyphony(int polyphony_min, int polyphony_max);
  std::string_view name() const override { return "BarOnsetPolyphony"; }
  int polyphony_min() const { return min_; }
  int polyphony_max() const { return max_; }

 protected:
  std::vector<AcEvent> compute_on_bar(std::span<const Note> bar_notes,
                                      tick_t ticks_per_quarter) const override;

 private:
  int min_, max_;
};

/// One ACBarPitchClass_<pc> event per pitch class (0-11) present in the bar, ascending.
class BarPitchClass final : public BarAttributeControl {
 public:
  /// Tokens ACBarPitchClass_0 .. ACBarPitchClass_11.
  BarPitchClass();
  std::string_view name() const override { return "BarPitchClass"; }

 protected:
  std::vector<AcEvent> compute_on_bar(std::span<const Note> bar_notes,
                                      tick_t ticks_per_quarter) const override;
};

/// Number of notes in the bar ("<max>+" at or above density_max).
class BarNoteDensity final : public BarAttributeControl {
 public:
  /// Tokens ACBarNoteDensity_{0..max-1} then ACBarNoteDensity_{max}+.
  explicit BarNoteDensity(int density_max);
  std::string_view name() const override { return "BarNoteDensity"; }
  int density_max() const { return max_; }

 protected:
  std::vector<AcEvent> compute_on_bar(std::span<const Note> bar_notes,
                                      tick_t ticks_per_quarter) const override;

 private:
  int max_;
};

/// Whether notes of exactly 4, 2, 1, 1/2, 1/4 and 1/8 quarters start in the bar (0 or 1 each).
class BarNoteDuration final : public BarAttributeControl {
 public:
  /// Tokens ACBarNoteDuration{Whole,Half,Quarter,Eight,Sixteenth,ThirtySecond}_{0,1}.
  BarNoteDuration();
  std::string_view name() const override { return "BarNoteDuration"; }

 protected:
  std::vector<AcEvent> compute_on_bar(std::span<const Note> bar_notes,
                                      tick_t ticks_per_quarter) const override;
};

}  // namespace miditok
