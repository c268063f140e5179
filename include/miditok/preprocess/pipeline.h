// MusicTokenizer.preprocess_score composed from the preprocess blocks, with explicit parameters
// (no TokenizerConfig). The caller does step 1 (prepare_time_signatures) and the resampling, then
// preprocess_resampled_score does the rest in MidiTok's order.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

#include "miditok/preprocess/controls.h"
#include "miditok/preprocess/notes.h"
#include "miditok/preprocess/quantize.h"
#include "miditok/score/score.h"

namespace miditok {

/// Everything preprocess_score reads from a tokenizer, as plain values.
struct ScorePreprocessParams {
  // Time signatures and time grid.
  bool use_time_signatures = false;
  bool delete_equal_successive_time_sig_changes = false;
  int max_num_pos_per_beat = 8;
  // Notes.
  bool note_on_off = false;  ///< NoteOn/NoteOff tokenizer (MIDILike): offsets re-rounded
  std::pair<int, int> pitch_range{21, 108};       ///< inclusive
  std::pair<int, int> drums_pitch_range{27, 88};  ///< inclusive, with use_pitchdrum_tokens
  bool use_pitchdrum_tokens = true;
  std::vector<std::int32_t> velocity_bins;  ///< empty: velocities untouched (use_velocities off)
  /// Programs -1..127 at index program + 1.
  std::array<bool, 129> use_note_duration_programs{};
  TicksPerBeatBins duration_bins;  ///< MidiTok's _tpb_to_time_array
  bool adjust_durations = true;    ///< false: durations keep their ticks (PerTok)
  bool remove_duplicated_notes = false;
  int min_duration = 1;
  // Tracks.
  bool use_programs = false;
  std::array<bool, 129> programs{};  ///< allowed programs (use_programs), index program + 1
  bool one_token_stream_for_programs = true;
  bool merge_same_program_tracks = true;  ///< MusicTokenizer._merge_same_program_tracks
  // Controls.
  bool use_pitch_bends = false;
  std::vector<std::int32_t> pitch_bend_bins;
  bool use_sustain_pedals = false;
  bool sustain_pedal_duration = false;
  bool use_control_changes = false;
  ControlChangeValueBins control_change_bins;
  std::array<bool, 128> control_change_numbers{};
  // Global events.
  bool use_tempos = false;
  std::vector<double> tempo_mspq_bins;  ///< sorted 60e6 / tempo bins
  bool delete_equal_successive_tempo_changes = false;
  double default_tempo = 120.0;  ///< qpm of the tempo inserted at tick 0
  bool use_key_signatures = false;
  // Steps a tokenization replaces (BEAT). notes_hook runs instead of preprocess_notes on each
  // track with notes; global_events_hook runs before the tempo and key signature steps, which
  // then get no resampling factors.
  std::function<void(std::vector<Note>&, const NotePreprocessParams&)> notes_hook;
  std::function<void(Score&)> global_events_hook;
};

/// Steps 2-7 of MusicTokenizer.preprocess_score after resampling: `score` is `original` resampled
/// to the tpq prepare_time_signatures gave (or a copy when equal), holding the prepared TS.
/// original supplies the pre-resampling CC times; it must have the same tracks as score.
void preprocess_resampled_score(Score& score, const Score& original,
                                const ScorePreprocessParams& params);

}  // namespace miditok
