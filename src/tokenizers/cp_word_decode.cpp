// CPWord: compound tokens back to a Score and the count of erroneous compound tokens, as
// MidiTok's CPWord._tokens_to_score and _tokens_errors. The decoder reads ids through the
// sub-vocabularies' tables. Padded or malformed slots are skipped where MidiTok would raise.
#include <cmath>
#include <set>

#include "../tokenizer/compound_decode.h"
#include "../tokenizer/compound_helpers.h"
#include "../tokenizer/numeric.h"
#include "miditok/tokenizers/cp_word.h"

namespace miditok {

using detail::is_none;
using detail::split_token;
using detail::token_int;
using detail::token_value;

Score CPWord::compound_to_score(const std::vector<CompoundSequence>& sequences,
                                const std::optional<std::vector<ProgramSpec>>& programs) const {
  using detail::TokType;
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
  long long current_tick = 0, tick_at_current_bar = 0, current_bar = -1, previous_note_end = 0;
  int current_program = 0;
  // sub-vocabulary of each slot read per row, looked up once (npos: the config has none)
  const auto slot = [&](const char* type) {
    auto it = idx.find(type);
    return it == idx.end() ? std::string_view::npos : it->second;
  };
  const std::size_t program_slot = slot("Program"), time_sig_slot = slot("TimeSig"),
                    tempo_slot = slot("Tempo"), rest_slot = slot("Rest");
  const std::size_t pad_range = 3 + (c.use_velocities ? 1 : 0) +
                                (c.using_note_duration_tokens() ? 1 : 0) + (c.use_programs ? 1 : 0);
  // the family of a row: its first slot's value
  const auto family_is = [](const detail::IdRow& row, const auto& name) {
    return detail::tok_is(row.value(0), name);
  };
  for (std::size_t si = 0; si < sequences.size(); ++si) {
    const detail::IdRows seq(tables, sequences[si]);
    if (si == 0) {
      // The first time signature: that of the first Bar among the leading Metric rows, else 4/4.
      if (c.use_time_signatures)
        for (std::size_t r = 0; r < seq.size(); ++r) {
          const detail::IdRow row = seq[r];
          if (!family_is(row, "Metric")) break;
          if (row[1].type == TokType::kBar) {
            TimeSignature ts;
            if (grid.slot_time_sig(row, time_sig_slot, 0, ts)) time_sigs.push_back(ts);
            break;
          }
        }
      if (time_sigs.empty()) time_sigs.push_back(TimeSignature{0, 4, 4});
    }
    grid.start(time_sigs[0]);
    if (!one) {
      current_tick = tick_at_current_bar = 0;
      current_bar = -1;
      previous_note_end = 0;
      grid.bar_at_last_ts = grid.tick_at_last_ts = 0;
      const detail::IdInfo* program = nullptr;
      if (c.use_programs)
        for (std::size_t r = 0; r < seq.size(); ++r)
          if (family_is(seq[r], "Note")) {
            program = &seq[r][program_slot];
            break;
          }
      detail::start_compound_track(tracks, programs, si, program, current_program);
    }
    for (std::size_t r = 0; r < seq.size(); ++r) {
      const detail::IdRow row = seq[r];
      if (family_is(row, "Note")) {
        bool skip = false;
        for (std::size_t k = 2; k < pad_range && k < row.size(); ++k) skip = skip || row[k].none;
        const detail::IdInfo& pitch = row[2];
        if (skip || !pitch.has_int || (c.use_velocities && !row[3].has_int) ||
            (one && c.use_programs && !row[program_slot].has_int))
          continue;
        const long long vel = c.use_velocities ? row[3].value : 100;
        const long long duration = row_ticks.duration(row, grid.ticks_per_beat);
        if (duration < 0) continue;
        Note note{static_cast<tick_t>(current_tick), static_cast<tick_t>(duration),
                  static_cast<std::int8_t>(pitch.value), static_cast<std::int8_t>(vel)};
        if (one && c.use_programs) {
          current_program = static_cast<int>(row[program_slot].value);
          tracks.at(current_program).notes.push_back(note);
        } else {
          tracks.current().notes.push_back(note);
        }
        previous_note_end = std::max(previous_note_end, current_tick + duration);
      } else if (family_is(row, "Metric")) {
        const detail::IdInfo& bar_pos = row[1];
        if (bar_pos.type == TokType::kBar) {
          ++current_bar;
          if (current_bar > 0) current_tick = tick_at_current_bar + grid.ticks_per_bar;
          tick_at_current_bar = current_tick;
          TimeSignature ts;
          if (c.use_time_signatures && grid.slot_time_sig(row, time_sig_slot, current_tick, ts) &&
              grid.differs(ts)) {
            grid.change(ts, current_bar, tick_at_current_bar);
            if (si == 0) time_sigs.push_back(ts);
          }
        } else if (bar_pos.type == TokType::kPosition) {
          if (current_bar == -1) current_bar = 0;
          if (bar_pos.has_int)
            current_tick = tick_at_current_bar + bar_pos.value * grid.ticks_per_pos;
          if (c.use_tempos && si == 0) tempos.add(row, tempo_slot, current_tick, true);
        } else if (c.use_rests && !row[rest_slot].none) {
          const long long rest = row_ticks.rest(row, grid.ticks_per_beat);
          if (rest >= 0) {
            current_tick = std::max(previous_note_end, current_tick) + rest;
            const long long real_bar =
                grid.bar_at_last_ts +
                detail::floor_div(current_tick - grid.tick_at_last_ts, grid.ticks_per_bar);
            if (real_bar > current_bar) {
              if (current_bar == -1) current_bar = 0;
              tick_at_current_bar += (real_bar - current_bar) * grid.ticks_per_bar;
              current_bar = real_bar;
            }
          }
        }
        previous_note_end = std::max(previous_note_end, current_tick);
      }
    }
    tracks.end_sequence(score);
  }
  tracks.finish(score);
  score.tempos = finish_tempos(std::move(tempos.tempos));
  score.time_signatures = std::move(time_sigs);
  return score;
}

int CPWord::count_compound_errors(const CompoundTokens& rows) const {
  const auto& idx = vocab_types_idx();
  const auto& graph = tokens_types_graph();
  // The (type, value) a compound token stands for; ("", "") when it has none.
  auto cp_type = [&](CompoundTokens::Row row) -> std::pair<std::string_view, std::string_view> {
    const std::string_view family = token_value(row[0]);
    if (detail::tok_is(family, "Note")) return split_token(row[2]);
    if (detail::tok_is(family, "Metric")) {
      auto bp = split_token(row[1]);
      if (detail::tok_is(bp.first, "Bar") || detail::tok_is(bp.first, "Position")) return bp;
      for (std::size_t i = 1; i <= 4 && i <= row.size(); ++i) {
        auto t = split_token(row[row.size() - i]);
        if (!detail::tok_is(t.first, "Ignore")) return t;
      }
      return {};
    }
    if (detail::tok_is(family, "None")) return {"PAD", "None"};
    return {};
  };
  int err = 0;
  std::string previous_type(cp_type(rows[0]).first);
  long long current_pos = -1, program = 0;
  std::map<long long, std::set<long long>> pitches;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto [type, value] = cp_type(rows[r]);
    auto it = graph.find(previous_type);
    if (it != graph.end() && it->second.count(std::string(type))) {
      long long v = 0;
      if (detail::tok_is(type, "Bar")) {
        current_pos = -1;
        pitches.clear();
      } else if (config_.remove_duplicated_notes &&
                 (detail::tok_is(type, "Pitch") || detail::tok_is(type, "PitchDrum"))) {
        if (config_.use_programs) token_int(rows[r][idx.at("Program")], program);
        if (token_int(rows[r][2], v) && !pitches[program].insert(v).second) ++err;
      } else if (detail::tok_is(type, "Position") && token_int(rows[r][1], v)) {
        if (v <= current_pos && !detail::tok_is(previous_type, "Rest")) {
          ++err;
        } else {
          current_pos = v;
          pitches.clear();
        }
      }
    } else {
      ++err;
    }
    previous_type = std::string(type);
  }
  return err;
}

}  // namespace miditok
