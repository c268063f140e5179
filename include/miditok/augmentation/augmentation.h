// Data augmentation (MidiTok's data_augmentation): shifting the pitches (not drums), velocities
// (clamped to a range) and durations (not drums, floored at a minimum) of a Score, for one offset
// triple or for a list of offsets and their combinations, filtered to the instruments' tessitura.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "miditok/score/score.h"

namespace miditok {

/// An augmentation offset triple: pitch (semitones), velocity, duration (ticks).
using AugmentOffsets = std::array<int, 3>;

/// Python's round(): to the nearest integer, halves to even.
long long round_half_even(double x);

/// Shifts `score` in place by offsets in ticks: pitches of non-drum tracks, velocities towards the
/// velocity_range bound in the offset's direction, durations of non-drum tracks (floored at
/// min_duration_ticks when the offset is negative).
void augment_score_inplace(Score& score, const AugmentOffsets& offsets,
                           std::pair<int, int> velocity_range, tick_t min_duration_ticks);

/// MidiTok's augment_score on a copy: duration_offset and min_duration are in beats unless
/// duration_in_ticks (a negative beat offset stays negative here, unlike MidiTok's +1 tick).
Score augment_score(const Score& score, int pitch_offset, int velocity_offset,
                    double duration_offset, std::pair<int, int> velocity_range = {1, 127},
                    bool duration_in_ticks = false, double min_duration = 0.03125);

/// The pitch offsets keeping every non-drum note within its program's tessitura (or 0-127).
std::vector<int> filter_pitch_offsets(std::span<const int> pitch_offsets, const Score& score,
                                      bool restrict_on_program_tessitura);

/// MidiTok's offset tuples: each offset alone (pitch ones filtered), then, with
/// all_offset_combinations, every combination, in MidiTok's order. Durations in ticks.
std::vector<AugmentOffsets> create_offsets_tuples(const Score& score,
                                                  std::span<const int> pitch_offsets,
                                                  std::span<const int> velocity_offsets,
                                                  std::span<const int> duration_offsets_ticks,
                                                  bool all_offset_combinations,
                                                  bool restrict_on_program_tessitura);

/// Options shared by augment_score_multiple_offsets and augment_dataset (MidiTok's defaults).
struct AugmentOptions {
  std::vector<int> pitch_offsets;
  std::vector<int> velocity_offsets;
  /// In beats unless duration_in_ticks (then rounded to ticks).
  std::vector<double> duration_offsets;
  bool all_offset_combinations = false;
  bool restrict_on_program_tessitura = true;
  std::pair<int, int> velocity_range{1, 127};
  bool duration_in_ticks = false;
  double min_duration = 0.03125;
};

/// The duration offsets in ticks and the minimum duration in ticks, converted from beats with the
/// score's time division unless duration_in_ticks (as augment_score_multiple_offsets does).
std::pair<std::vector<int>, tick_t> duration_offsets_ticks(const Score& score,
                                                           const AugmentOptions& options);

/// Every augmented version of `score` with its offsets (durations converted to ticks).
std::vector<std::pair<AugmentOffsets, Score>> augment_score_multiple_offsets(
    const Score& score, const AugmentOptions& options);

/// The file-name suffix MidiTok gives an augmented file: "#p2_v-4_d120" (non-zero parts only).
std::string augmentation_suffix(const AugmentOffsets& offsets);

/// Opt-in augmentation on the fly: one offset triple drawn uniformly (each list plus "no shift")
/// from (seed, epoch, sample_index), pitch filtered to the tessitura; same inputs, same output.
AugmentOffsets draw_random_offsets(const Score& score, std::uint64_t seed, std::uint64_t epoch,
                                   std::uint64_t sample_index, const AugmentOptions& options);

/// Applies draw_random_offsets' triple to a copy of `score`.
Score random_augment(const Score& score, std::uint64_t seed, std::uint64_t epoch,
                     std::uint64_t sample_index, const AugmentOptions& options);

}  // namespace miditok
