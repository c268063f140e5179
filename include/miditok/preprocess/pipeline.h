// MusicTokenizer.preprocess_score, the whole pipeline in one place: composed from the preprocess
// blocks with explicit parameters (no TokenizerConfig) and two hook points (PreprocessSteps) a
// tokenization may replace. Steps, in MidiTok's order: 1 time signatures and resampling,
// 2 time-signature cleanup, 3 control changes, 4 track merging, 5 per track (notes: hook point,
// pitch bends, pedals, empty tracks), 6 global events (hook point: tempos, key signatures).
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "miditok/preprocess/controls.h"
#include "miditok/preprocess/notes.h"
#include "miditok/preprocess/quantize.h"
#include "miditok/preprocess/time_grid.h"
#include "miditok/score/score.h"

namespace miditok {

/// Everything preprocess_score reads from a tokenizer, as plain values.
struct ScorePreprocessParams {
  // Time signatures and time grid.
  bool use_time_signatures = false;
  std::vector<std::pair<int, int>> time_signatures{{4, 4}};  ///< supported (numerator, denominator)
  /// Resample to this tpq keeping the score's supported time signatures (PerTok's own grid);
  /// 0: the tpq step 1 derives from max_num_pos_per_beat and the time signatures.
  int fixed_ticks_per_quarter = 0;
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
};

/// The hook points of the pipeline; the defaults are MidiTok's steps. A tokenization replaces one
/// by overriding it (MusicTokenizer forwards them to its preprocess_* hooks).
class PreprocessSteps {
 public:
  virtual ~PreprocessSteps() = default;
  /// Step 5, on the notes of each kept track that has notes: preprocess_notes.
  virtual void notes(std::vector<Note>& notes, const NotePreprocessParams& params) const;
  /// Step 6: tempos and key signatures quantized, re-rounded with `factors` (MidiTok's
  /// resampling factors of several time-signature denominators, else empty).
  virtual void global_events(Score& score, const ScorePreprocessParams& params,
                             std::span<const TickSection> factors) const;
};

/// MusicTokenizer.preprocess_score (not in place): step 1 then preprocess_resampled_score.
/// A time out of range after resampling is a MidiError (a property of the file).
Score preprocess_score(const Score& input, const ScorePreprocessParams& params,
                       const PreprocessSteps& steps = PreprocessSteps());

/// Steps 2-6 after resampling: `score` is `original` resampled to the tpq step 1 gave (or a
/// copy when equal), holding the prepared TS. original supplies the pre-resampling CC times; it
/// must have the same tracks as score.
void preprocess_resampled_score(Score& score, const Score& original,
                                const ScorePreprocessParams& params,
                                const PreprocessSteps& steps = PreprocessSteps());

}  // namespace miditok
