// Octuple: forced configuration, sub-vocabularies, bar-limit clipping and the compound rows of
// the sorted events (one per note), as MidiTok's tokenizations/octuple.py.
#include "miditok/tokenizers/octuple.h"

#include <algorithm>

#include "../tokenizer/compound_helpers.h"
#include "../tokenizer/score_helpers.h"
#include "miditok/core/error.h"
#include "miditok/preprocess/time_grid.h"
#include "miditok/score/score_ops.h"

namespace miditok {

Octuple::Octuple(const TokenizerConfig& config) : MultiVocTokenizer("Octuple", config) {
  initialize();
  pos_ids_ = numbered_ids(1, "Position");
  bar_ids_ = numbered_ids(2, "Bar");
}

std::unique_ptr<MusicTokenizer> Octuple::clone() const { return std::make_unique<Octuple>(*this); }

TokenizationTraits Octuple::describe_traits() const {
  TokenizationTraits traits = MultiVocTokenizer::describe_traits();
  traits.forced.insert(traits.forced.begin(), {{&TokenizerConfig::use_chords, false},
                                               {&TokenizerConfig::use_rests, false}});
  traits.forced.push_back({&TokenizerConfig::delete_equal_successive_tempo_changes, true});
  traits.additional_defaults = {{"max_bar_embedding", "60"}};
  return traits;
}

void Octuple::configure(TokenizationTraits& traits) {
  max_bar_embedding_ = max_bar_embedding_param();
  traits.max_bars = max_bar_embedding_;  // longer scores are clipped
}

std::map<std::string, std::size_t> Octuple::create_vocab_types_idx() const {
  std::vector<std::string> types{"Pitch", "Position", "Bar"};
  if (config_.use_velocities) types.emplace_back("Velocity");
  if (config_.using_note_duration_tokens()) types.emplace_back("Duration");
  if (config_.use_programs) types.emplace_back("Program");
  if (config_.use_tempos) types.emplace_back("Tempo");
  if (config_.use_time_signatures) types.emplace_back("TimeSig");
  std::map<std::string, std::size_t> idx;
  for (std::size_t i = 0; i < types.size(); ++i) idx[types[i]] = i;
  return idx;
}

std::vector<std::vector<std::string>> Octuple::create_sub_vocabularies() const {
  std::vector<std::vector<std::string>> v;
  auto& pitch = v.emplace_back();
  for (int p = config_.pitch_range.first; p <= config_.pitch_range.second; ++p)
    pitch.push_back("Pitch_" + std::to_string(p));
  if (config_.use_pitchdrum_tokens)
    for (int p = config_.drums_pitch_range.first; p <= config_.drums_pitch_range.second; ++p)
      pitch.push_back("PitchDrum_" + std::to_string(p));
  int max_beats = 0;
  for (const auto& ts : time_signatures()) max_beats = std::max(max_beats, ts.first);
  auto& pos = v.emplace_back();
  for (int i = 0; i < config_.max_num_pos_per_beat() * max_beats; ++i)
    pos.push_back("Position_" + std::to_string(i));
  auto& bar = v.emplace_back();
  for (int i = 0; i < max_bar_embedding_; ++i) bar.push_back("Bar_" + std::to_string(i));
  if (config_.use_velocities) {
    auto& vel = v.emplace_back();
    for (int x : velocities()) vel.push_back("Velocity_" + std::to_string(x));
  }
  if (config_.using_note_duration_tokens()) {
    auto& dur = v.emplace_back();
    for (const auto& d : durations()) dur.push_back("Duration_" + time_tuple_str(d));
  }
  if (config_.use_programs) {
    auto& prog = v.emplace_back();
    for (int p : config_.programs) prog.push_back("Program_" + std::to_string(p));
  }
  if (config_.use_tempos) {
    auto& tempo = v.emplace_back();
    for (double t : tempos()) tempo.push_back("Tempo_" + python_float_repr(t));
  }
  if (config_.use_time_signatures) {
    auto& ts = v.emplace_back();
    for (const auto& [n, d] : time_signatures()) ts.push_back("TimeSig_" + detail::ts_str(n, d));
  }
  return v;
}

void Octuple::compound_rows(const std::vector<Event>& events,
                            const std::vector<token_id_t>& flat_ids, int time_division,
                            std::vector<token_id_t>& out) const {
  const auto& idx = vocab_types_idx();
  const bool vel = config_.use_velocities, dur = config_.using_note_duration_tokens();
  const std::size_t duration_offset = (vel ? 1 : 0) + (dur ? 1 : 0);
  auto slot_of = [&](const char* type) {
    auto it = idx.find(type);
    return it == idx.end() ? std::size_t{0} : it->second;
  };
  const std::size_t vel_slot = slot_of("Velocity"), dur_slot = slot_of("Duration");
  const std::size_t prog_slot = slot_of("Program"), tempo_slot = slot_of("Tempo");
  const std::size_t ts_slot = slot_of("TimeSig");
  const int mnpb = config_.max_num_pos_per_beat();
  long long current_bar = 0, bar_from_ts = 0, tick_from_ts = 0, current_pos = 0;
  long long previous_tick = 0;
  std::pair<int, int> ts{4, 4};
  // Slot ids of the current program / tempo / time signature (-1: not looked up yet).
  token_id_t program_id = -1, tempo_id = -1, ts_id = -1;
  long long ticks_per_bar = detail::ticks_per_bar_of(4, 4, time_division);
  long long ticks_per_pos = static_cast<long long>(compute_ticks_per_beat(4, time_division)) / mnpb;
  auto numbered = [&](const std::vector<token_id_t>& table, std::size_t slot, const char* type,
                      long long i) {
    if (i >= 0 && static_cast<std::size_t>(i) < table.size())
      return table[static_cast<std::size_t>(i)];
    return slot_id(slot, std::string(type) + "_" + std::to_string(i));  // throws
  };
  for (std::size_t e = 0; e < events.size(); ++e) {
    const Event& ev = events[e];
    if (ev.time != previous_tick) {
      if (ticks_per_bar <= 0 || ticks_per_pos <= 0)
        throw TokenError("the score's time division (" + std::to_string(time_division) +
                         ") is too low for Octuple: preprocess the score first");
      current_bar = bar_from_ts + detail::floor_div(ev.time - tick_from_ts, ticks_per_bar);
      const long long tick_at_bar = tick_from_ts + (current_bar - bar_from_ts) * ticks_per_bar;
      current_pos = detail::floor_div(ev.time - tick_at_bar, ticks_per_pos);
      previous_tick = ev.time;
    }
    const std::string_view type = ev.type;
    if (type == "TimeSig") {
      int n = 4, d = 4;
      if (!detail::parse_time_sig(ev.value, n, d))
        throw TokenError("malformed TimeSig value \"" + ev.value + "\"");
      ts = {n, d};
      ts_id = config_.use_time_signatures ? sub_id_of(ts_slot, ev, flat_ids[e]) : -1;
      bar_from_ts = current_bar;
      tick_from_ts = previous_tick;
      ticks_per_bar = detail::ticks_per_bar_of(n, d, time_division);
      ticks_per_pos = static_cast<long long>(compute_ticks_per_beat(d, time_division)) / mnpb;
    } else if (type == "Tempo") {
      tempo_id = sub_id_of(tempo_slot, ev, flat_ids[e]);
    } else if (type == "Program") {
      program_id = sub_id_of(prog_slot, ev, flat_ids[e]);
    } else if ((type == "Pitch" || type == "PitchDrum") && e + duration_offset < events.size()) {
      const std::size_t row = out.size();
      out.resize(row + num_vocabs());
      out[row] = sub_id_of(0, ev, flat_ids[e]);
      out[row + 1] = numbered(pos_ids_, 1, "Position", current_pos);
      out[row + 2] = numbered(bar_ids_, 2, "Bar", current_bar);
      if (vel) out[row + vel_slot] = sub_id_of(vel_slot, events[e + 1], flat_ids[e + 1]);
      if (dur)
        out[row + dur_slot] =
            sub_id_of(dur_slot, events[e + duration_offset], flat_ids[e + duration_offset]);
      if (config_.use_programs) {
        if (program_id < 0) program_id = slot_id(prog_slot, "Program_0");
        out[row + prog_slot] = program_id;
      }
      if (config_.use_tempos) {
        if (tempo_id < 0)
          tempo_id = slot_id(tempo_slot, "Tempo_" + python_float_repr(default_tempo()));
        out[row + tempo_slot] = tempo_id;
      }
      if (config_.use_time_signatures) {
        if (ts_id < 0) ts_id = slot_id(ts_slot, "TimeSig_" + detail::ts_str(ts.first, ts.second));
        out[row + ts_slot] = ts_id;
      }
    }
  }
}

}  // namespace miditok
