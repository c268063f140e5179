// Octuple: compound tokens back to a Score and the count of erroneous compound tokens, as
// MidiTok's Octuple._tokens_to_score and _tokens_errors. Rows with a None note slot (padding,
// special tokens) are skipped; malformed values are skipped instead of raising.
#include <cmath>
#include <set>

#include "../tokenizer/compound_decode.h"
#include "../tokenizer/numeric.h"
#include "../tokenizer/score_helpers.h"
#include "miditok/tokenizers/octuple.h"

namespace miditok {

using detail::is_none;
using detail::token_int;

Score Octuple::compound_to_score(const std::vector<CompoundTokens>& sequences,
                                 const std::optional<std::vector<ProgramSpec>>& programs) const {
  const auto& c = config_;
  const auto& idx = vocab_types_idx();
  const bool one = c.one_token_stream_for_programs;
  Score score;
  score.ticks_per_quarter = time_division();
  detail::DecodedTracks tracks(one);
  detail::DecodedTempos tempos;
  std::vector<TimeSignature> time_sigs;
  detail::CompoundGrid grid(tpb_per_ts(), time_division(), c.max_num_pos_per_beat());
  int current_program = 0;
  std::size_t num_check = 3 + (c.use_velocities ? 1 : 0) + (c.use_programs ? 1 : 0) +
                          (c.using_note_duration_tokens() ? 1 : 0);
  for (std::size_t si = 0; si < sequences.size(); ++si) {
    const auto& seq = sequences[si];
    // MidiTok appends a time signature per sequence: the first row's for the first, else 4/4.
    TimeSignature first{0, 4, 4};
    if (si == 0 && c.use_time_signatures && !seq.empty()) {
      TimeSignature ts;
      if (grid.slot_time_sig(seq[0][idx.at("TimeSig")], 0, ts)) first = ts;
    }
    time_sigs.push_back(first);
    grid.start(time_sigs[0]);
    if (!one)
      detail::start_compound_track(
          tracks, programs, si,
          c.use_programs && !seq.empty() ? seq[0][idx.at("Program")] : std::string_view(),
          current_program);
    for (const auto& row : seq) {
      bool skip = false;
      for (std::size_t k = 0; k < num_check && k < row.size(); ++k) skip = skip || is_none(row[k]);
      long long pitch = 0, vel = 100, pos = 0, bar = 0, prog = current_program;
      if (skip || !token_int(row[0], pitch) || !token_int(row[1], pos) || !token_int(row[2], bar) ||
          (c.use_velocities && !token_int(row[idx.at("Velocity")], vel)) ||
          (c.use_programs && !token_int(row[idx.at("Program")], prog)))
        continue;
      current_program = static_cast<int>(prog);
      const long long current_tick = grid.tick_at_last_ts +
                                     (bar - grid.bar_at_last_ts) * grid.ticks_per_bar +
                                     pos * grid.ticks_per_pos;
      TimeSignature ts;
      if (c.use_time_signatures && grid.slot_time_sig(row[idx.at("TimeSig")], 0, ts) &&
          grid.differs(ts)) {
        const long long ts_tick =
            grid.tick_at_last_ts + (bar - grid.bar_at_last_ts) * grid.ticks_per_bar;
        ts.time = static_cast<tick_t>(ts_tick);
        grid.change(ts, bar, ts_tick);
        if (si == 0) time_sigs.push_back(ts);
      }
      const long long duration = row_duration(row, grid.ticks_per_beat);
      if (duration < 0) continue;
      Note note{static_cast<tick_t>(current_tick), static_cast<tick_t>(duration),
                static_cast<std::int8_t>(pitch), static_cast<std::int8_t>(vel)};
      (one ? tracks.at(current_program) : tracks.current()).notes.push_back(note);
      if (si == 0 && c.use_tempos) tempos.add(row[idx.at("Tempo")], current_tick, false);
    }
    tracks.end_sequence(score);
  }
  tracks.finish(score);
  score.tempos = finish_tempos(std::move(tempos.tempos));
  score.time_signatures = std::move(time_sigs);
  return score;
}

int Octuple::count_compound_errors(const CompoundTokens& rows) const {
  const auto& idx = vocab_types_idx();
  int err = 0;
  long long current_bar = -1, current_pos = -1;
  std::map<long long, std::set<long long>> pitches;
  long long program = 0;
  for (const auto& row : rows) {
    bool none = false;
    for (auto t : row) none = none || is_none(t);
    long long bar = 0, pos = 0, pitch = 0;
    if (none || !token_int(row[2], bar) || !token_int(row[1], pos) || !token_int(row[0], pitch) ||
        (config_.use_programs && !token_int(row[idx.at("Program")], program))) {
      ++err;
      continue;
    }
    bool has_error = false;
    if (bar < current_bar) {
      has_error = true;
    } else if (bar > current_bar) {
      current_bar = bar;
      current_pos = -1;
      pitches.clear();
    }
    if (pos < current_pos) {
      has_error = true;
    } else if (pos > current_pos) {
      current_pos = pos;
      pitches.clear();
    }
    if (config_.remove_duplicated_notes && !pitches[program].insert(pitch).second) has_error = true;
    if (has_error) ++err;
  }
  return err;
}

}  // namespace miditok
