// Track-level control preprocessing as MidiTok does it: pitch bends (value bins, re-rounded times,
// one bend per tick), sustain pedals (re-rounded times, overlapping pedals merged, durations
// snapped or re-rounded) and control changes (filtered, value bins, order-preserving dedup).
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "miditok/preprocess/quantize.h"
#include "miditok/preprocess/time_grid.h"
#include "miditok/score/events.h"

namespace miditok {

/// MusicTokenizer._preprocess_pitch_bends: values to the closest bin, times re-rounded when
/// factors is non-empty, and of bends on the same tick only the first kept, holding the value
/// of largest magnitude (first one on a tie).
void preprocess_pitch_bends(std::vector<PitchBend>& bends, std::span<const std::int32_t> bins,
                            std::span<const TickSection> resampling_factors);

/// Merges overlapping pedals (a pedal starting at or before the end of an earlier one), exactly
/// as MusicTokenizer._preprocess_pedals does; pedals sorted by time.
void merge_overlapping_pedals(std::vector<Pedal>& pedals);

/// MusicTokenizer._preprocess_pedals: with snap_durations (sustain_pedal_duration and
/// ticks-per-beat sections given) onsets are re-rounded and durations snapped to duration bins;
/// otherwise onsets and offsets are re-rounded. Overlapping pedals are merged in between.
void preprocess_pedals(std::vector<Pedal>& pedals, std::span<const TickSection> resampling_factors,
                       bool snap_durations, std::span<const TickSection> ticks_per_beat,
                       const TicksPerBeatBins* duration_bins, int min_duration = 1);

/// Per CC number (0-127): the allowed values, sorted; an empty or 128-long list keeps values.
using ControlChangeValueBins = std::array<std::vector<std::int32_t>, 128>;

/// Value bins per CC number as MusicTokenizer builds them from control_change_n_bins: continuous
/// CCs get rint(linspace(0, 127, n_bins)), switch CCs {0, 127}, the others every value.
ControlChangeValueBins make_control_change_value_bins(std::span<const int> numbers, int n_bins);

/// True for the CC numbers whose adjacent identical messages MidiTok deduplicates.
bool is_deduplicable_control_change(int number);

/// MusicTokenizer._preprocess_control_changes: stable-sorts by the original (pre-resampling)
/// times, quantises values, keeps the allowed numbers minus adjacent duplicates (same original
/// time, number and value, deduplicable number), then re-rounds times when factors is non-empty.
void preprocess_control_changes(std::vector<ControlChange>& controls,
                                std::span<const tick_t> original_times,
                                const ControlChangeValueBins& value_bins,
                                const std::array<bool, 128>& allowed_numbers,
                                std::span<const TickSection> resampling_factors);

}  // namespace miditok
