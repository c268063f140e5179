// Quantisation primitives of MidiTok's preprocessing: snapping values to the closest bin
// (miditok.utils.np_get_closest, ties to the upper bin), re-rounding times to the grid of each
// time-signature section (np.round, half to even), and snapping durations per ticks-per-beat
// section. They work in place on spans of values or on event vectors, without allocating.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "miditok/core/types.h"
#include "miditok/preprocess/time_grid.h"
#include "miditok/score/events.h"

namespace miditok {

/// numpy.searchsorted(arr, key, side="left") for one key (binary search; arr assumed sorted).
std::size_t searchsorted_left(std::span<const std::int32_t> arr, std::int32_t key);

/// The bin closest to value; on a tie the upper bin (np_get_closest). bins sorted ascending.
std::int32_t closest_bin(std::span<const std::int32_t> bins, std::int32_t value);

/// The bin closest to value for float bins (tempo mspq bins); on a tie the upper bin.
double closest_bin(std::span<const double> bins, double value);

/// Snaps every value to its closest bin, in place (np_get_closest over an array).
void snap_to_closest(std::span<std::int32_t> values, std::span<const std::int32_t> bins);

/// Duration bins in ticks for each ticks-per-beat value (MidiTok's _tpb_to_time_array).
struct TicksPerBeatBins {
  /// (ticks per beat, sorted duration bins in ticks), one entry per supported tpb value.
  std::vector<std::pair<tick_t, std::vector<std::int32_t>>> table;

  /// The bins for a tpb value; throws ConfigError if the tokenizer has none for it.
  std::span<const std::int32_t> at(tick_t ticks_per_beat) const;
};

/// Re-rounds sorted absolute times to each section's grid (_adjust_time_to_tpb): a time in a
/// section becomes round_half_even((t - start) / step) * step + start, start = previous end.
void adjust_times_to_sections(std::span<tick_t> times, std::span<const TickSection> factors);

/// Same for unsorted times (note offsets): each time's section is looked up on its own.
void adjust_unsorted_times_to_sections(std::span<tick_t> times,
                                       std::span<const TickSection> factors);

/// Re-rounds the onsets of time-sorted notes to each section's grid.
void adjust_times_to_sections(std::span<Note> notes, std::span<const TickSection> factors);
/// Re-rounds the onsets of time-sorted pedals to each section's grid.
void adjust_times_to_sections(std::span<Pedal> pedals, std::span<const TickSection> factors);
/// Re-rounds the times of time-sorted pitch bends to each section's grid.
void adjust_times_to_sections(std::span<PitchBend> bends, std::span<const TickSection> factors);
/// Re-rounds the times of time-sorted tempos to each section's grid.
void adjust_times_to_sections(std::span<Tempo> tempos, std::span<const TickSection> factors);
/// Re-rounds the times of time-sorted key signatures to each section's grid.
void adjust_times_to_sections(std::span<KeySignature> keys, std::span<const TickSection> factors);
/// Re-rounds the times of time-sorted control changes to each section's grid.
void adjust_times_to_sections(std::span<ControlChange> controls,
                              std::span<const TickSection> factors);

/// Re-rounds onsets and offsets of notes in their own sections and rebuilds durations; collapsed
/// notes get min_duration steps of their onset's section (_adjust_onsets_offsets, NoteOff mode).
void adjust_onsets_offsets(std::span<Note> notes, std::span<const TickSection> factors,
                           int min_duration = 1);
/// Same as adjust_onsets_offsets for pedals.
void adjust_onsets_offsets(std::span<Pedal> pedals, std::span<const TickSection> factors,
                           int min_duration = 1);

/// Snaps note durations to the closest duration bin of their ticks-per-beat section
/// (_adjust_durations; sections found from onsets as MidiTok does). notes non-empty or no-op.
void adjust_durations(std::span<Note> notes, std::span<const TickSection> ticks_per_beat,
                      const TicksPerBeatBins& bins);
/// Same as adjust_durations for pedals (sustain_pedal_duration).
void adjust_durations(std::span<Pedal> pedals, std::span<const TickSection> ticks_per_beat,
                      const TicksPerBeatBins& bins);

}  // namespace miditok
