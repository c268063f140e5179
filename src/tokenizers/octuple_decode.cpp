// Octuple: compound tokens back to a Score and the count of erroneous compound tokens, as
// MidiTok's Octuple._tokens_to_score and _tokens_errors. Rows with a None note slot (padding,
// special tokens) are skipped; malformed values are skipped instead of raising.
#include <cmath>
#include <set>

#include "../tokenizer/compound_helpers.h"
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
  const int mnpb = c.max_num_pos_per_beat();
  const int tpq = time_division();
  Score score;
  score.ticks_per_quarter = tpq;
  detail::DecodedTracks tracks(one);
  detail::DecodedTempos tempos;
  std::vector<TimeSignature> time_sigs;
  long long bar_at_last_ts = 0, tick_at_last_ts = 0;
  int current_program = 0;
  std::size_t num_check = 3 + (c.use_velocities ? 1 : 0) + (c.use_programs ? 1 : 0) +
                          (c.using_note_duration_tokens() ? 1 : 0);
  for (std::size_t si = 0; si < sequences.size(); ++si) {
    const auto& seq = sequences[si];
    TimeSignature first{0, 4, 4};
    if (si == 0 && c.use_time_signatures && !seq.empty()) {
      int n = 4, d = 4;
      if (detail::parse_time_sig(detail::token_value(seq[0][idx.at("TimeSig")]), n, d) &&
          tpb_per_ts().count(d))
        first = TimeSignature{0, static_cast<std::uint8_t>(n), static_cast<std::uint8_t>(d)};
    }
    time_sigs.push_back(first);
    TimeSignature current_ts = time_sigs[0];
    long long ticks_per_bar =
        detail::ticks_per_bar_of(current_ts.numerator, current_ts.denominator, tpq);
    long long ticks_per_beat = tpb_per_ts().at(current_ts.denominator);
    long long ticks_per_pos = ticks_per_beat / mnpb;
    if (!one) {
      bool is_drum = false;
      long long p = 0;
      if (programs) {
        current_program = (*programs)[si].first;
        is_drum = (*programs)[si].second;
      } else if (c.use_programs && !seq.empty() && token_int(seq[0][idx.at("Program")], p)) {
        current_program = static_cast<int>(p);
        if (current_program == -1) is_drum = true, current_program = 0;
      }
      tracks.start_sequence(current_program, is_drum);
    }
    for (const auto& row : seq) {
      bool skip = false;
      for (std::size_t k = 0; k < num_check && k < row.size(); ++k) skip = skip || is_none(row[k]);
      long long pitch = 0, vel = 100, pos = 0, bar = 0, prog = current_program;
      if (skip || !token_int(row[0], pitch) || !token_int(row[1], pos) || !token_int(row[2], bar) ||
          (c.use_velocities && !token_int(row[idx.at("Velocity")], vel)) ||
          (c.use_programs && !token_int(row[idx.at("Program")], prog)))
        continue;
      current_program = static_cast<int>(prog);
      const long long current_tick =
          tick_at_last_ts + (bar - bar_at_last_ts) * ticks_per_bar + pos * ticks_per_pos;
      if (c.use_time_signatures && !is_none(row[idx.at("TimeSig")])) {
        int n = 4, d = 4;
        if (detail::parse_time_sig(detail::token_value(row[idx.at("TimeSig")]), n, d) &&
            tpb_per_ts().count(d) && (n != current_ts.numerator || d != current_ts.denominator)) {
          tick_at_last_ts += (bar - bar_at_last_ts) * ticks_per_bar;
          current_ts = TimeSignature{static_cast<tick_t>(tick_at_last_ts),
                                     static_cast<std::uint8_t>(n), static_cast<std::uint8_t>(d)};
          if (si == 0) time_sigs.push_back(current_ts);
          bar_at_last_ts = bar;
          ticks_per_bar = detail::ticks_per_bar_of(n, d, tpq);
          ticks_per_beat = tpb_per_ts().at(d);
          ticks_per_pos = ticks_per_beat / mnpb;
        }
      }
      const long long duration = row_duration(row, ticks_per_beat);
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
