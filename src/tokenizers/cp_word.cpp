// CPWord: forced configuration, sub-vocabularies, token-type graph and the compound rows of the
// sorted events (Bar, Position, Rest and Note compound tokens), as MidiTok's
// tokenizations/cp_word.py.
#include "miditok/tokenizers/cp_word.h"

#include <algorithm>

#include "../tokenizer/compound_helpers.h"
#include "../tokenizer/score_helpers.h"
#include "miditok/core/error.h"
#include "miditok/preprocess/time_grid.h"

namespace miditok {

CPWord::CPWord(const TokenizerConfig& config) : MultiVocTokenizer("CPWord", config) {
  initialize();
  pos_ids_ = numbered_ids(1, "Position");
}

std::unique_ptr<MusicTokenizer> CPWord::clone() const { return std::make_unique<CPWord>(*this); }

TokenizationTraits CPWord::describe_traits() const {
  TokenizationTraits traits = MultiVocTokenizer::describe_traits();
  traits.conflicts = {
      {&TokenizerConfig::use_time_signatures, &TokenizerConfig::use_rests,
       "You are using both Time Signatures and Rests with CPWord. Be aware that this "
       "configuration can result in altered time, as the time signature is carried by the Bar "
       "tokens, that are skipped during rests. To disable this warning, you can disable either "
       "Time Signatures or Rests. Otherwise, you can check that your data does not have time "
       "signature changes occurring during rests."}};
  return traits;
}

std::map<std::string, std::size_t> CPWord::create_vocab_types_idx() const {
  const auto& c = config_;
  std::vector<std::string> types{"Family", "Position", "Pitch"};
  const std::pair<bool, const char*> optional[] = {{c.use_velocities, "Velocity"},
                                                   {c.using_note_duration_tokens(), "Duration"},
                                                   {c.use_programs, "Program"},
                                                   {c.use_chords, "Chord"},
                                                   {c.use_rests, "Rest"},
                                                   {c.use_tempos, "Tempo"},
                                                   {c.use_time_signatures, "TimeSig"}};
  for (const auto& [on, name] : optional)
    if (on) types.emplace_back(name);
  std::map<std::string, std::size_t> idx;
  for (std::size_t i = 0; i < types.size(); ++i) idx[types[i]] = i;
  idx["Bar"] = 1;
  return idx;
}

std::vector<std::vector<std::string>> CPWord::create_sub_vocabularies() const {
  const auto& c = config_;
  std::vector<std::vector<std::string>> v{{"Family_Metric", "Family_Note"}};
  int max_beats = 0;
  for (const auto& ts : time_signatures()) max_beats = std::max(max_beats, ts.first);
  auto& pos = v.emplace_back(std::vector<std::string>{"Ignore_None", "Bar_None"});
  for (int i = 0; i < c.max_num_pos_per_beat() * max_beats; ++i)
    pos.push_back("Position_" + std::to_string(i));
  auto& pitch = v.emplace_back(std::vector<std::string>{"Ignore_None"});
  for (int p = c.pitch_range.first; p <= c.pitch_range.second; ++p)
    pitch.push_back("Pitch_" + std::to_string(p));
  if (c.use_pitchdrum_tokens)
    for (int p = c.drums_pitch_range.first; p <= c.drums_pitch_range.second; ++p)
      pitch.push_back("PitchDrum_" + std::to_string(p));
  auto slot = [&]() -> std::vector<std::string>& {
    return v.emplace_back(std::vector<std::string>{"Ignore_None"});
  };
  if (c.use_velocities) {
    auto& s = slot();
    for (int x : velocities()) s.push_back("Velocity_" + std::to_string(x));
  }
  if (c.using_note_duration_tokens()) {
    auto& s = slot();
    for (const auto& d : durations()) s.push_back("Duration_" + time_tuple_str(d));
  }
  if (c.use_programs) {
    auto& s = slot();
    for (int p : c.programs) s.push_back("Program_" + std::to_string(p));
  }
  if (c.use_chords) {
    auto& s = slot();
    auto chords = create_chords_tokens();
    s.insert(s.end(), chords.begin(), chords.end());
  }
  if (c.use_rests) {
    auto& s = slot();
    for (const auto& r : rests()) s.push_back("Rest_" + time_tuple_str(r));
  }
  if (c.use_tempos) {
    auto& s = slot();
    for (double t : tempos()) s.push_back("Tempo_" + python_float_repr(t));
  }
  if (c.use_time_signatures) {
    auto& s = slot();
    for (const auto& [n, d] : time_signatures()) s.push_back("TimeSig_" + detail::ts_str(n, d));
  }
  return v;
}

std::map<std::string, std::set<std::string>> CPWord::create_token_types_graph() const {
  const auto& c = config_;
  std::map<std::string, std::set<std::string>> dic{{"Bar", {"Position", "Bar"}},
                                                   {"Position", {"Pitch"}},
                                                   {"Pitch", {"Pitch", "Bar", "Position"}}};
  if (c.use_chords) {
    dic["Rest"] = {"Rest", "Position"};
    dic["Pitch"].insert("Rest");
  }
  if (c.use_rests) {
    dic["Rest"] = {"Rest", "Position", "Bar"};
    dic["Pitch"].insert("Rest");
  }
  if (c.use_tempos) {
    dic["Position"].insert({"Position", "Bar"});
    if (c.use_rests) {
      dic["Position"].insert("Rest");
      dic["Rest"].insert("Position");
    }
  }
  std::set<std::string> keys;
  for (auto& [k, vals] : dic) {
    vals.insert("Ignore");
    keys.insert(k);
  }
  dic["Ignore"] = keys;
  if (c.use_pitchdrum_tokens) {
    for (auto& [k, vals] : dic)
      if (vals.count("Pitch")) vals.insert("PitchDrum");
    dic["PitchDrum"] = dic["Pitch"];
  }
  return dic;
}

// One compound token at a time: every slot Ignore_None (Family_Metric first), then set.
struct CPWord::RowBuilder {
  const CPWord& tok;
  std::vector<token_id_t>& out;
  std::vector<token_id_t> blank;

  RowBuilder(const CPWord& t, std::vector<token_id_t>& o) : tok(t), out(o) {
    blank.assign(t.num_vocabs(), 0);
    blank[0] = t.slot_id(0, "Family_Metric");
    for (std::size_t k = 1; k < blank.size(); ++k) blank[k] = t.slot_id(k, "Ignore_None");
  }
  /// Starts a Metric row; returns its first index in `out`.
  std::size_t start() {
    out.insert(out.end(), blank.begin(), blank.end());
    return out.size() - blank.size();
  }
  void set(std::size_t row, std::size_t slot, std::string_view type, std::string_view value) {
    std::string tok_str(type);
    tok_str.append(1, '_').append(value);
    out[row + slot] = tok.slot_id(slot, tok_str);
  }
};

void CPWord::compound_rows(const std::vector<Event>& events,
                           const std::vector<token_id_t>& flat_ids, int time_division,
                           std::vector<token_id_t>& out) const {
  const auto& c = config_;
  const auto& idx = vocab_types_idx();
  auto slot_of = [&](const char* type) {
    auto it = idx.find(type);
    return it == idx.end() ? std::size_t{0} : it->second;
  };
  const std::size_t dur_slot = slot_of("Duration"), prog_slot = slot_of("Program");
  const std::size_t chord_slot = slot_of("Chord"), rest_slot = slot_of("Rest");
  const std::size_t tempo_slot = slot_of("Tempo"), ts_slot = slot_of("TimeSig");
  const bool vel = c.use_velocities, dur = c.using_note_duration_tokens();
  const std::size_t duration_offset = (vel ? 1 : 0) + (dur ? 1 : 0);
  const int mnpb = c.max_num_pos_per_beat();
  RowBuilder rb(*this, out);
  const token_id_t note_family = slot_id(0, "Family_Note"), bar_none = slot_id(1, "Bar_None");
  long long current_bar = -1, bar_at_last_ts = 0, previous_tick = -1, previous_note_end = 0;
  long long tick_at_last_ts = 0, tick_at_current_bar = 0;
  std::pair<int, int> ts{4, 4};
  token_id_t tempo_id = -1, program_id = -1;  // -1: default tempo / no Program event yet
  long long ticks_per_bar = 0, ticks_per_beat = 0, ticks_per_pos = 0;
  auto set_units = [&]() {
    ticks_per_bar = detail::ticks_per_bar_of(ts.first, ts.second, time_division);
    ticks_per_beat = static_cast<long long>(compute_ticks_per_beat(ts.second, time_division));
    ticks_per_pos = ticks_per_beat / mnpb;
    if (ticks_per_bar <= 0 || ticks_per_pos <= 0)
      throw TokenError("the score's time division (" + std::to_string(time_division) +
                       ") is too low for CPWord: preprocess the score first");
  };
  auto parse_ts = [](std::string_view v) {
    int n = 4, d = 4;
    if (!detail::parse_time_sig(v, n, d))
      throw TokenError("malformed TimeSig value \"" + std::string(v) + "\"");
    return std::pair{n, d};
  };
  auto ts_id = [&](std::pair<int, int> t) {
    return slot_id(ts_slot, "TimeSig_" + detail::ts_str(t.first, t.second));
  };
  if (c.use_time_signatures)
    for (const auto& e : events)
      if (e.type == "TimeSig") {
        ts = parse_ts(e.value);
        break;
      }
  set_units();
  if (c.use_tempos) {
    for (std::size_t e = 0; e < events.size(); ++e) {
      const std::string_view t = events[e].type;
      if (t == "Tempo") {
        tempo_id = sub_id_of(tempo_slot, events[e], flat_ids[e]);
        break;
      }
      if (t == "Pitch" || t == "PitchDrum" || t == "Velocity" || t == "Duration" ||
          t == "PitchBend" || t == "Pedal")
        break;
    }
    if (tempo_id < 0) tempo_id = slot_id(tempo_slot, "Tempo_" + python_float_repr(default_tempo()));
  }
  for (std::size_t e = 0; e < events.size(); ++e) {
    const Event& ev = events[e];
    const std::string_view type = ev.type;
    if (type == "Tempo") {
      tempo_id = sub_id_of(tempo_slot, ev, flat_ids[e]);
    } else if (type == "Program") {
      program_id = sub_id_of(prog_slot, ev, flat_ids[e]);
      continue;
    }
    if (ev.time != previous_tick) {
      if (c.use_rests &&
          ev.time - previous_note_end >= min_rest(static_cast<int>(ticks_per_beat))) {
        previous_tick = previous_note_end;
        auto [values, ticks] = time_ticks_to_tokens(static_cast<tick_t>(ev.time - previous_tick),
                                                    static_cast<int>(ticks_per_beat), true);
        for (std::size_t k = 0; k < values.size(); ++k) {
          rb.set(rb.start(), rest_slot, "Rest", time_tuple_str(values[k]));
          previous_tick += ticks[k];
        }
        const long long real_bar =
            bar_at_last_ts + detail::floor_div(previous_tick - tick_at_last_ts, ticks_per_bar);
        if (real_bar > current_bar) {
          if (current_bar == -1) current_bar = 0;
          tick_at_current_bar += (real_bar - current_bar) * ticks_per_bar;
          current_bar = real_bar;
        }
      }
      const long long num_new_bars = bar_at_last_ts +
                                     detail::floor_div(ev.time - tick_at_last_ts, ticks_per_bar) -
                                     current_bar;
      if (num_new_bars >= 1) {
        token_id_t bar_ts = c.use_time_signatures ? ts_id(ts) : -1;
        for (long long i = 0; i < num_new_bars; ++i) {
          if (c.use_time_signatures && i == num_new_bars - 1 && type == "TimeSig")
            bar_ts = ts_id(parse_ts(ev.value));
          const std::size_t row = rb.start();
          out[row + 1] = bar_none;
          if (c.use_time_signatures) out[row + ts_slot] = bar_ts;
        }
        current_bar += num_new_bars;
        tick_at_current_bar = tick_at_last_ts + (current_bar - bar_at_last_ts) * ticks_per_bar;
      }
      if (type != "TimeSig") {
        const std::size_t row = rb.start();
        const long long pos = detail::floor_div(ev.time - tick_at_current_bar, ticks_per_pos);
        out[row + 1] = pos >= 0 && static_cast<std::size_t>(pos) < pos_ids_.size()
                           ? pos_ids_[static_cast<std::size_t>(pos)]
                           : slot_id(1, "Position_" + std::to_string(pos));
        if (type == "Chord") out[row + chord_slot] = sub_id_of(chord_slot, ev, flat_ids[e]);
        if (c.use_tempos) out[row + tempo_slot] = tempo_id;
      }
      previous_tick = ev.time;
    }
    if (type == "TimeSig") {
      ts = parse_ts(ev.value);
      bar_at_last_ts += detail::floor_div(ev.time - tick_at_last_ts, ticks_per_bar);
      tick_at_last_ts = ev.time;
      set_units();
      previous_tick -= 1;
    }
    if ((type == "Pitch" || type == "PitchDrum") && e + duration_offset < events.size()) {
      const std::size_t row = rb.start();
      out[row] = note_family;
      out[row + 2] = sub_id_of(2, ev, flat_ids[e]);
      if (vel) out[row + 3] = sub_id_of(3, events[e + 1], flat_ids[e + 1]);
      if (dur)
        out[row + dur_slot] =
            sub_id_of(dur_slot, events[e + duration_offset], flat_ids[e + duration_offset]);
      if (program_id >= 0) out[row + prog_slot] = program_id;
      previous_note_end = std::max<long long>(previous_note_end, ev.desc);
    } else if (type == "Program" || type == "Tempo" || type == "TimeSig" || type == "Chord") {
      previous_note_end = std::max<long long>(previous_note_end, ev.time);
    }
  }
}

}  // namespace miditok
