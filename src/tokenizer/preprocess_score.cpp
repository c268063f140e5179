// MusicTokenizer::preprocess_score: MidiTok's preprocessing (midi_tokenizer.py preprocess_score
// and the _preprocess_* methods). The steps live in the preprocess component; this file turns the
// tokenizer's derived values into ScorePreprocessParams and runs step 1 and the resampling.
#include <algorithm>
#include <utility>
#include <vector>

#include "miditok/core/error.h"
#include "miditok/preprocess/globals.h"
#include "miditok/preprocess/pipeline.h"
#include "miditok/score/score_ops.h"
#include "miditok/tokenizer/music_tokenizer.h"

namespace miditok {

namespace {

/// Marks program (-1..127) at index program + 1; other values are ignored.
void mark_program(std::array<bool, 129>& set, int program) {
  if (program >= -1 && program <= 127) set[static_cast<std::size_t>(program + 1)] = true;
}

}  // namespace

/// Reads the tokenizer's private derived values (friend of MusicTokenizer).
struct PreprocessAccess {
  static ScorePreprocessParams params(const MusicTokenizer& tok) {
    const TokenizerConfig& cfg = tok.config_;
    ScorePreprocessParams p;
    p.use_time_signatures = cfg.use_time_signatures;
    p.delete_equal_successive_time_sig_changes = cfg.delete_equal_successive_time_sig_changes;
    p.max_num_pos_per_beat = cfg.max_num_pos_per_beat();
    p.note_on_off = tok.note_on_off_;
    p.pitch_range = cfg.pitch_range;
    p.drums_pitch_range = cfg.drums_pitch_range;
    p.use_pitchdrum_tokens = cfg.use_pitchdrum_tokens;
    if (cfg.use_velocities) p.velocity_bins.assign(tok.velocities_.begin(), tok.velocities_.end());
    for (int program = -1; program <= 127; ++program)
      if (tok.uses_duration(program)) mark_program(p.use_note_duration_programs, program);
    p.duration_bins.table.reserve(tok.tpb_to_time_array_.size());
    for (const auto& [tpb, bins] : tok.tpb_to_time_array_)
      p.duration_bins.table.emplace_back(tpb, std::vector<std::int32_t>(bins.begin(), bins.end()));
    p.remove_duplicated_notes = cfg.remove_duplicated_notes;
    p.use_programs = cfg.use_programs;
    for (int program : cfg.programs) mark_program(p.programs, program);
    p.one_token_stream_for_programs = cfg.one_token_stream_for_programs;
    p.merge_same_program_tracks = tok.merge_same_program_tracks_;
    p.use_pitch_bends = cfg.use_pitch_bends;
    p.pitch_bend_bins.assign(tok.pitch_bends_.begin(), tok.pitch_bends_.end());
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
    p.tempo_mspq_bins = tok.tempos_mspq_;
    p.delete_equal_successive_tempo_changes = cfg.delete_equal_successive_tempo_changes;
    p.default_tempo = tok.default_tempo_;
    p.use_key_signatures = cfg.use_key_signatures;
    p.adjust_durations = tok.preprocess_adjust_durations_;
    return p;
  }
};

Score MusicTokenizer::preprocess_score(const Score& input) const {
  ScorePreprocessParams params = PreprocessAccess::params(*this);
  customize_preprocess(params);
  std::vector<TimeSignature> ts;
  const tick_t new_tpq = prepare_time_signatures(input.time_signatures, params.use_time_signatures,
                                                 time_signatures_, params.max_num_pos_per_beat, ts);
  Score score;
  if (preprocess_fixed_tpq_ > 0) {  // PerTok: its own tpq, the score's time signatures
    try {
      score = input.ticks_per_quarter != preprocess_fixed_tpq_
                  ? resample(input, preprocess_fixed_tpq_, 1)
                  : input;
    } catch (const ConfigError& e) {
      throw MidiError(e.what());
    }
    ts.clear();  // MidiTok keeps those the vocabulary lacks and fails on them: dropped here
    for (const auto& t : score.time_signatures)
      if (!params.use_time_signatures ||
          std::find(time_signatures_.begin(), time_signatures_.end(),
                    std::pair<int, int>{t.numerator, t.denominator}) != time_signatures_.end())
        ts.push_back(t);
  } else if (input.ticks_per_quarter != new_tpq) {
    if (input.ticks_per_quarter <= 0) throw MidiError("the score has no valid ticks per quarter");
    resample_time_signatures(ts, input.ticks_per_quarter, new_tpq);
    try {
      score = resample(input, new_tpq, 1);
    } catch (const ConfigError& e) {
      throw MidiError(e.what());  // a time out of range is a property of the file
    }
  } else {
    score = input;
  }
  score.time_signatures = std::move(ts);
  preprocess_resampled_score(score, input, params);
  return score;
}

}  // namespace miditok
