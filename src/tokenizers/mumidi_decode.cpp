// MuMIDI: ragged compound tokens back to a Score and the count of erroneous compound tokens, as
// MidiTok's MuMIDI._tokens_to_score and _tokens_errors (the decoder reading ids through the
// sub-vocabularies' tables), without their crashes: notes before any
// Program token go to a program 0 track, malformed values or missing slots skip the row (count an
// error), and a tempo change is decoded when the Tempo value changes (MidiTok adds one per row).
#include <cmath>
#include <cstdlib>
#include <set>
#include <string>

#include "../tokenizer/compound_decode.h"
#include "../tokenizer/compound_helpers.h"
#include "../tokenizer/decode_helpers.h"
#include "miditok/tokenizers/mumidi.h"

namespace miditok {

namespace {

using detail::split_token;
using detail::token_int;
using detail::token_value;

constexpr std::size_t kTempoSlot = 3;
constexpr long long kDefaultVelocity = 100;  // MidiTok DEFAULT_VELOCITY

/// The tempo (qpm) of a Tempo value; false when malformed or not positive.
bool tempo_value(std::string_view value, double& qpm) {
  const std::string v(value);
  char* end = nullptr;
  qpm = std::strtod(v.c_str(), &end);
  return !v.empty() && end == v.c_str() + v.size() && qpm > 0 && std::isfinite(qpm);
}

std::int32_t mspq_of(double qpm) { return static_cast<std::int32_t>(std::round(60000000.0 / qpm)); }

}  // namespace

Score MuMIDI::compound_to_score(const std::vector<CompoundSequence>& sequences,
                                const std::optional<std::vector<ProgramSpec>>& programs) const {
  using detail::TokType;
  (void)programs;  // one stream: the tracks come from the Program tokens
  const auto& c = config_;
  const auto& idx = vocab_types_idx();
  const long long tpq = time_division();
  const detail::SubTables tables = sub_id_tables();
  Score score;
  score.ticks_per_quarter = static_cast<tick_t>(tpq);
  const CompoundSequence empty;
  const detail::IdRows rows(tables, sequences.empty() ? empty : sequences[0]);
  double last_qpm = default_tempo(), qpm = 0;
  if (c.use_tempos && !rows.empty() && rows[0].size() > kTempoSlot &&
      tempo_value(rows[0].value(kTempoSlot), qpm))
    last_qpm = qpm;
  score.tempos.push_back(Tempo{0, mspq_of(last_qpm)});
  const std::size_t note_width = num_vocabs();
  const std::size_t vel_slot = c.use_velocities ? idx.at("Velocity") : 0;
  detail::RowTicks row_ticks(c, idx);
  // the tempo is parsed again only when its id changes
  token_id_t last_tempo_id = CompoundSequence::kAbsentSlot - 1;
  detail::DecodedTracks tracks(true);
  long long current_tick = 0, current_bar = -1;
  int current_program = 0;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const detail::IdRow row = rows[r];
    if (row.empty()) continue;
    const detail::IdInfo& tok = row[0];
    switch (tok.type) {
      case TokType::kBar:
        ++current_bar;
        current_tick = current_bar * tpq * 4;
        break;
      case TokType::kPosition:
        if (!tok.has_int) continue;
        if (current_bar == -1) current_bar = 0;  // a Position before any Bar
        current_tick = current_bar * tpq * 4 + tok.value;
        break;
      case TokType::kProgram:
        if (!tok.has_int || tok.value < -1 || tok.value > 127) continue;
        current_program = static_cast<int>(tok.value);
        tracks.at(current_program);  // MidiTok creates the track with its Program token
        break;
      case TokType::kPitch:
      case TokType::kPitchDrum: {
        const long long pitch = tok.value;
        if (row.size() < note_width || !tok.has_int || pitch < 0 || pitch > 127) continue;
        long long vel = kDefaultVelocity;
        if (c.use_velocities) {
          const detail::IdInfo& v = row[vel_slot];
          if (!v.has_int || v.value < 0 || v.value > 127) continue;
          vel = v.value;
        }
        const long long duration = row_ticks.duration(row, tpq);
        if (duration < 0) continue;
        tracks.at(current_program)
            .notes.push_back(Note{static_cast<tick_t>(current_tick), static_cast<tick_t>(duration),
                                  static_cast<std::int8_t>(pitch), static_cast<std::int8_t>(vel)});
        break;
      }
      default:
        break;
    }
    if (c.use_tempos && row.size() > kTempoSlot && row.id(kTempoSlot) != last_tempo_id) {
      last_tempo_id = row.id(kTempoSlot);
      if (tempo_value(row.value(kTempoSlot), qpm) && qpm != last_qpm) {
        score.tempos.push_back(Tempo{static_cast<tick_t>(current_tick), mspq_of(qpm)});
        last_qpm = qpm;
      }
    }
  }
  tracks.finish(score);
  return score;
}

int MuMIDI::count_compound_errors(const CompoundTokens& rows) const {
  const auto& graph = tokens_types_graph();
  auto is_special = [](std::string_view tok) {
    auto type = split_token(tok).first;
    return detail::tok_is(type, "PAD") || detail::tok_is(type, "MASK");
  };
  // The bar and position of a row; false when its BarPosEnc is missing or not an integer.
  auto bar_pos = [](CompoundTokens::Row row, long long& bar, long long& pos) {
    if (row.size() < 3 || !token_int(row[1], bar)) return false;
    if (!token_int(row[2], pos)) pos = -1;  // PositionPosEnc_None
    return true;
  };
  int err = 0;
  std::string previous_type(split_token(rows[0].empty() ? "" : rows[0][0]).first);
  long long current_bar = -1, current_pos = -1;
  if (!bar_pos(rows[0], current_bar, current_pos)) current_bar = current_pos = -1;
  std::set<long long> pitches;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    long long bar = 0, pos = 0;
    bool special = false;
    for (auto t : row) special = special || is_special(t);
    if (special || !bar_pos(row, bar, pos)) {
      ++err;
      continue;
    }
    auto [type, val] = split_token(row[0]);
    auto allowed = graph.find(previous_type);
    if (allowed != graph.end() && allowed->second.count(std::string(type))) {
      long long v = 0;
      if (detail::tok_is(type, "Bar")) {
        ++current_bar;
        current_pos = -1;
        pitches.clear();
      } else if (config_.remove_duplicated_notes && detail::tok_is(type, "Pitch")) {
        if (!detail::parse_int(val, v) || !pitches.insert(v).second) ++err;
      } else if (detail::tok_is(type, "Position")) {
        if (!detail::parse_int(val, v) || v <= current_pos || v != pos) {
          ++err;
        } else {
          current_pos = v;
          pitches.clear();
        }
      } else if (detail::tok_is(type, "Program")) {
        pitches.clear();
      }
      if (pos < current_pos || bar < current_bar) ++err;
    } else {
      ++err;
    }
    previous_type = std::string(type);
  }
  return err;
}

}  // namespace miditok
