// Octuple: compound tokens back to a Score and the count of erroneous compound tokens, as
// MidiTok's Octuple._tokens_to_score and _tokens_errors. The decoder reads ids through the
// sub-vocabularies' tables. Rows with a None note slot (padding, special tokens) are skipped;
// malformed values are skipped instead of raising.
#include <cmath>
#include <set>

#include "../tokenizer/compound_decode.h"
#include "../tokenizer/compound_helpers.h"
#include "../tokenizer/numeric.h"
#include "../tokenizer/score_helpers.h"
#include "miditok/tokenizers/octuple.h"

namespace miditok {

using detail::is_none;
using detail::token_int;

Score Octuple::compound_to_score(const std::vector<CompoundSequence>& sequences,
                                 const std::optional<std::vector<ProgramSpec>>& programs) const {
  const auto& c = config_;
  const auto& idx = vocab_types_idx();
  const bool one = c.one_token_stream_for_programs;
  const detail::SubTables tables = sub_id_tables();
  Score score;
  score.ticks_per_quarter = time_division();
  detail::DecodedTracks tracks(one);
  detail::DecodedTempos tempos;
  std::vector<TimeSignature> time_sigs;
  detail::CompoundGrid grid(tpb_per_ts(), time_division(), c.max_num_pos_per_beat());
  detail::RowTicks row_ticks(c, idx);
  int current_program = 0;
  const std::size_t num_check = 3 + (c.use_velocities ? 1 : 0) + (c.use_programs ? 1 : 0) +
                                (c.using_note_duration_tokens() ? 1 : 0);
  // slots read per row, looked up once
  const std::size_t vel_slot = c.use_velocities ? idx.at("Velocity") : 0;
  const std::size_t program_slot = c.use_programs ? idx.at("Program") : 0;
  const std::size_t time_sig_slot = c.use_time_signatures ? idx.at("TimeSig") : 0;
  const std::size_t tempo_slot = c.use_tempos ? idx.at("Tempo") : 0;
  for (std::size_t si = 0; si < sequences.size(); ++si) {
    const detail::IdRows seq(tables, sequences[si]);
    // MidiTok appends a time signature per sequence: the first row's for the first, else 4/4.
    TimeSignature first{0, 4, 4};
    if (si == 0 && c.use_time_signatures && !seq.empty()) {
      TimeSignature ts;
      if (grid.slot_time_sig(seq[0], time_sig_slot, 0, ts)) first = ts;
    }
    time_sigs.push_back(first);
    grid.start(time_sigs[0]);
    if (!one) {
      const detail::IdRow row0 = seq.empty() ? detail::IdRow(tables, nullptr, 0) : seq[0];
      detail::start_compound_track(tracks, programs, si,
                                   c.use_programs && !seq.empty() ? &row0[program_slot] : nullptr,
                                   current_program);
    }
    for (std::size_t r = 0; r < seq.size(); ++r) {
      const detail::IdRow row = seq[r];
      bool skip = false;
      for (std::size_t k = 0; k < num_check && k < row.size(); ++k) skip = skip || row[k].none;
      const detail::IdInfo &pitch = row[0], &pos = row[1], &bar = row[2];
      if (skip || !pitch.has_int || !pos.has_int || !bar.has_int ||
          (c.use_velocities && !row[vel_slot].has_int) ||
          (c.use_programs && !row[program_slot].has_int))
        continue;
      const long long vel = c.use_velocities ? row[vel_slot].value : 100;
      if (c.use_programs) current_program = static_cast<int>(row[program_slot].value);
      const long long current_tick = grid.tick_at_last_ts +
                                     (bar.value - grid.bar_at_last_ts) * grid.ticks_per_bar +
                                     pos.value * grid.ticks_per_pos;
      TimeSignature ts;
      if (c.use_time_signatures && grid.slot_time_sig(row, time_sig_slot, 0, ts) &&
          grid.differs(ts)) {
        const long long ts_tick =
            grid.tick_at_last_ts + (bar.value - grid.bar_at_last_ts) * grid.ticks_per_bar;
        ts.time = static_cast<tick_t>(ts_tick);
        grid.change(ts, bar.value, ts_tick);
        if (si == 0) time_sigs.push_back(ts);
      }
      const long long duration = row_ticks.duration(row, grid.ticks_per_beat);
      if (duration < 0) continue;
      Note note{static_cast<tick_t>(current_tick), static_cast<tick_t>(duration),
                static_cast<std::int8_t>(pitch.value), static_cast<std::int8_t>(vel)};
      (one ? tracks.at(current_program) : tracks.current()).notes.push_back(note);
      if (si == 0 && c.use_tempos) tempos.add(row, tempo_slot, current_tick, false);
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
