// Note-level preprocessing as MidiTok does it: pitch-range filtering, velocity quantisation,
// onset / offset re-rounding across TS sections, duration snapping, duplicate removal and
// overlapping-offset fixing. preprocess_notes composes them in MusicTokenizer's order.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "miditok/preprocess/quantize.h"
#include "miditok/preprocess/time_grid.h"
#include "miditok/score/track.h"

namespace miditok {

/// Removes the notes whose pitch is outside [lowest, highest] (both included), keeping order.
void filter_pitch_range(std::vector<Note>& notes, int lowest, int highest);

/// Snaps every note velocity to its closest velocity bin (ties to the upper bin).
void quantize_velocities(std::span<Note> notes, std::span<const std::int32_t> velocity_bins);

/// Sorts notes by (time, pitch, duration, velocity), the order remove_duplicated_notes expects.
void sort_notes_time_pitch_duration(std::span<Note> notes);

/// Removes notes with the same onset and pitch (and duration if consider_duration) as the
/// previous note; notes must be sorted as sort_notes_time_pitch_duration does.
void remove_duplicated_notes(std::vector<Note>& notes, bool consider_duration = false);

/// Shortens a note that is still sounding when a note of the same pitch starts, so it ends there
/// (fix_offsets_overlapping_notes); notes sorted by (time, pitch, end).
void fix_offsets_overlapping_notes(std::span<Note> notes);

/// Explicit parameters of MusicTokenizer._preprocess_notes for one track.
struct NotePreprocessParams {
  int pitch_lowest = 21;    ///< inclusive lower pitch (drums range if PitchDrum tokens and drums)
  int pitch_highest = 108;  ///< inclusive upper pitch
  std::span<const std::int32_t> velocity_bins;  ///< empty: velocities untouched
  /// Re-rounding step sections (several TS denominators); empty: no re-rounding.
  std::span<const TickSection> resampling_factors;
  /// Ticks-per-beat sections for duration snapping; empty: durations not snapped.
  std::span<const TickSection> ticks_per_beat;
  const TicksPerBeatBins* duration_bins = nullptr;  ///< needed when ticks_per_beat is set
  bool note_on_off = false;    ///< NoteOn/NoteOff tokenizer (re-round offsets, no snapping)
  bool uses_durations = true;  ///< the track's program is in use_note_duration_programs
  bool remove_duplicated_notes = false;
  int min_duration = 1;  ///< steps given to notes collapsing onto one tick (NoteOff)
};

/// MusicTokenizer._preprocess_notes on one track's notes, in place, in MidiTok's order.
void preprocess_notes(std::vector<Note>& notes, const NotePreprocessParams& params);

}  // namespace miditok
