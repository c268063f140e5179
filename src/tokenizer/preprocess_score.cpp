// MusicTokenizer::preprocess_score: MidiTok's preprocessing (midi_tokenizer.py preprocess_score
// and the _preprocess_* methods). The pipeline lives in preprocess/pipeline.cpp; this file turns
// the tokenizer's derived values and traits into ScorePreprocessParams and forwards the
// pipeline's hook points to the tokenization's preprocess_* hooks.
#include <utility>
#include <vector>

#include "miditok/preprocess/pipeline.h"
#include "miditok/tokenizer/music_tokenizer.h"

namespace miditok {

namespace {

/// Marks program (-1..127) at index program + 1; other values are ignored.
void mark_program(std::array<bool, 129>& set, int program) {
  if (program >= -1 && program <= 127) set[static_cast<std::size_t>(program + 1)] = true;
}

}  // namespace

ScorePreprocessParams MusicTokenizer::preprocess_params() const {
  const TokenizerConfig& cfg = config_;
  ScorePreprocessParams p;
  p.use_time_signatures = cfg.use_time_signatures;
  p.time_signatures = time_signatures_;
  p.fixed_ticks_per_quarter = traits_.ticks_per_quarter;
  p.delete_equal_successive_time_sig_changes = cfg.delete_equal_successive_time_sig_changes;
  p.max_num_pos_per_beat = cfg.max_num_pos_per_beat();
  p.note_on_off = traits_.note_on_off;
  p.pitch_range = cfg.pitch_range;
  p.drums_pitch_range = cfg.drums_pitch_range;
  p.use_pitchdrum_tokens = cfg.use_pitchdrum_tokens;
  if (cfg.use_velocities) p.velocity_bins.assign(velocities_.begin(), velocities_.end());
  for (int program = -1; program <= 127; ++program)
    if (uses_duration(program)) mark_program(p.use_note_duration_programs, program);
  p.duration_bins.table.reserve(tpb_to_time_array_.size());
  for (const auto& [tpb, bins] : tpb_to_time_array_)
    p.duration_bins.table.emplace_back(tpb, std::vector<std::int32_t>(bins.begin(), bins.end()));
  p.adjust_durations = traits_.quantize_durations;
  p.remove_duplicated_notes = cfg.remove_duplicated_notes;
  p.use_programs = cfg.use_programs;
  for (int program : cfg.programs) mark_program(p.programs, program);
  p.one_token_stream_for_programs = cfg.one_token_stream_for_programs;
  p.merge_same_program_tracks = traits_.merge_same_program_tracks;
  p.use_pitch_bends = cfg.use_pitch_bends;
  p.pitch_bend_bins.assign(pitch_bends_.begin(), pitch_bends_.end());
  p.use_sustain_pedals = cfg.use_sustain_pedals;
  p.sustain_pedal_duration = cfg.sustain_pedal_duration;
  p.use_control_changes = cfg.use_control_changes;
  if (cfg.use_control_changes) {
    p.control_change_bins =
        make_control_change_value_bins(cfg.control_change_numbers, cfg.control_change_n_bins);
    for (int n : cfg.control_change_numbers)
      if (n >= 0 && n < 128) p.control_change_numbers[static_cast<std::size_t>(n)] = true;
  }
  p.use_tempos = cfg.use_tempos;
  p.tempo_mspq_bins = tempos_mspq_;
  p.delete_equal_successive_tempo_changes = cfg.delete_equal_successive_tempo_changes;
  p.default_tempo = default_tempo_;
  p.use_key_signatures = cfg.use_key_signatures;
  return p;
}

void MusicTokenizer::preprocess_track_notes(std::vector<Note>& notes,
                                            const NotePreprocessParams& params) const {
  PreprocessSteps().notes(notes, params);
}

void MusicTokenizer::preprocess_global_events(Score& score, const ScorePreprocessParams& params,
                                              std::span<const TickSection> factors) const {
  PreprocessSteps().global_events(score, params, factors);
}

Score MusicTokenizer::preprocess_score(const Score& input) const {
  // The pipeline's hook points, forwarded to this tokenization's hooks.
  struct Steps final : PreprocessSteps {
    explicit Steps(const MusicTokenizer& t) : tok(t) {}
    void notes(std::vector<Note>& notes, const NotePreprocessParams& params) const override {
      tok.preprocess_track_notes(notes, params);
    }
    void global_events(Score& score, const ScorePreprocessParams& params,
                       std::span<const TickSection> factors) const override {
      tok.preprocess_global_events(score, params, factors);
    }
    const MusicTokenizer& tok;
  };
  return miditok::preprocess_score(input, preprocess_params(), Steps(*this));
}

}  // namespace miditok
