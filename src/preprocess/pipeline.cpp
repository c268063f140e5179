// MusicTokenizer.preprocess_score, every step, composed from the preprocess blocks.
#include "miditok/preprocess/pipeline.h"

#include <algorithm>

#include "miditok/core/error.h"
#include "miditok/preprocess/globals.h"
#include "miditok/preprocess/notes.h"
#include "miditok/preprocess/time_grid.h"
#include "miditok/preprocess/tracks.h"
#include "miditok/score/score_ops.h"

namespace miditok {

namespace {

thread_local std::vector<TickSection> tl_tpb;
thread_local std::vector<TickSection> tl_factors;
thread_local std::vector<tick_t> tl_cc_times;

bool in_programs(const std::array<bool, 129>& set, int program) {
  return program >= -1 && program <= 127 && set[static_cast<std::size_t>(program + 1)];
}

/// resample(), a time out of range being a property of the file (MidiError).
Score resample_score(const Score& input, tick_t tpq) {
  try {
    return resample(input, tpq, 1);
  } catch (const ConfigError& e) {
    throw MidiError(e.what());
  }
}

}  // namespace

void PreprocessSteps::notes(std::vector<Note>& notes, const NotePreprocessParams& params) const {
  preprocess_notes(notes, params);
}

void PreprocessSteps::global_events(Score& score, const ScorePreprocessParams& p,
                                    std::span<const TickSection> factors) const {
  if (p.use_tempos) {
    preprocess_tempos(score.tempos, p.tempo_mspq_bins, factors,
                      p.delete_equal_successive_tempo_changes, p.default_tempo);
  }
  if (p.use_key_signatures) preprocess_key_signatures(score.key_signatures, factors);
}

Score preprocess_score(const Score& input, const ScorePreprocessParams& p,
                       const PreprocessSteps& steps) {
  // Step 1: the time signatures to keep and the time grid.
  std::vector<TimeSignature> ts;
  const tick_t new_tpq = prepare_time_signatures(input.time_signatures, p.use_time_signatures,
                                                 p.time_signatures, p.max_num_pos_per_beat, ts);
  Score score;
  if (p.fixed_ticks_per_quarter > 0) {  // PerTok: its own tpq, the score's time signatures
    score = input.ticks_per_quarter != p.fixed_ticks_per_quarter
                ? resample_score(input, p.fixed_ticks_per_quarter)
                : input;
    ts.clear();  // MidiTok keeps those the vocabulary lacks and fails on them: dropped here
    for (const auto& t : score.time_signatures)
      if (!p.use_time_signatures ||
          std::find(p.time_signatures.begin(), p.time_signatures.end(),
                    std::pair<int, int>{t.numerator, t.denominator}) != p.time_signatures.end())
        ts.push_back(t);
  } else if (input.ticks_per_quarter != new_tpq) {
    if (input.ticks_per_quarter <= 0) throw MidiError("the score has no valid ticks per quarter");
    resample_time_signatures(ts, input.ticks_per_quarter, new_tpq);
    score = resample_score(input, new_tpq);
  } else {
    score = input;
  }
  score.time_signatures = std::move(ts);
  preprocess_resampled_score(score, input, p, steps);
  return score;
}

void preprocess_resampled_score(Score& score, const Score& original, const ScorePreprocessParams& p,
                                const PreprocessSteps& steps) {
  if (p.use_time_signatures && !score.time_signatures.empty()) {
    preprocess_time_signatures(score.time_signatures, score.ticks_per_quarter,
                               p.delete_equal_successive_time_sig_changes);
  }

  // Ticks-per-beat sections (Duration tokens, pedal durations) and re-rounding factors.
  auto& tpb = tl_tpb;
  tpb.clear();
  if (!p.note_on_off || (p.use_sustain_pedals && p.sustain_pedal_duration)) {
    if (p.use_time_signatures && !score.time_signatures.empty()) {
      get_score_ticks_per_beat(score, tpb);
    } else {
      tpb.push_back({score_end(score), score.ticks_per_quarter});
    }
  }
  auto& factors = tl_factors;
  factors.clear();
  if (p.use_time_signatures && has_several_denominators(score.time_signatures)) {
    get_score_resampling_factors(score, p.max_num_pos_per_beat, factors);
  }

  if (p.use_control_changes) {
    const std::size_t n = std::min(score.tracks.size(), original.tracks.size());
    for (std::size_t i = 0; i < n; ++i) {
      Track& track = score.tracks[i];
      if (track.controls.empty()) continue;
      auto& times = tl_cc_times;
      times.clear();
      for (const ControlChange& cc : original.tracks[i].controls) times.push_back(cc.time);
      preprocess_control_changes(track.controls, times, p.control_change_bins,
                                 p.control_change_numbers, factors);
    }
  }

  if (p.use_programs && p.one_token_stream_for_programs && p.merge_same_program_tracks) {
    merge_same_program_tracks(score.tracks);
  }

  const auto empty = [&p](const Track& t) {
    return is_track_empty(t, p.use_control_changes, p.use_sustain_pedals, p.use_pitch_bends);
  };
  NotePreprocessParams np;
  np.velocity_bins = p.velocity_bins;
  np.resampling_factors = factors;
  np.ticks_per_beat = tpb;
  const TicksPerBeatBins* duration_bins = p.adjust_durations ? &p.duration_bins : nullptr;
  np.duration_bins = duration_bins;
  np.note_on_off = p.note_on_off;
  np.remove_duplicated_notes = p.remove_duplicated_notes;
  np.min_duration = p.min_duration;
  const bool snap_pedals = p.sustain_pedal_duration && !tpb.empty();

  for (std::size_t k = score.tracks.size(); k-- > 0;) {
    Track& track = score.tracks[k];
    const int program = track.is_drum ? -1 : int{track.program};
    if (empty(track) || (p.use_programs && !in_programs(p.programs, program))) {
      score.tracks.erase(score.tracks.begin() + static_cast<std::ptrdiff_t>(k));
      continue;
    }
    if (!track.notes.empty()) {
      const auto& range =
          track.is_drum && p.use_pitchdrum_tokens ? p.drums_pitch_range : p.pitch_range;
      np.pitch_lowest = range.first;
      np.pitch_highest = range.second;
      np.uses_durations = in_programs(p.use_note_duration_programs, program);
      steps.notes(track.notes, np);
    }
    if (p.use_pitch_bends && !track.pitch_bends.empty()) {
      preprocess_pitch_bends(track.pitch_bends, p.pitch_bend_bins, factors);
    }
    if (p.use_sustain_pedals && !track.pedals.empty()) {
      preprocess_pedals(track.pedals, factors, snap_pedals, tpb, duration_bins, p.min_duration);
    }
    if (empty(track)) {
      score.tracks.erase(score.tracks.begin() + static_cast<std::ptrdiff_t>(k));
    }
  }

  steps.global_events(score, p, factors);
}

}  // namespace miditok
