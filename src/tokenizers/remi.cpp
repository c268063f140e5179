// REMI: configuration tweaks, base vocabulary, token-type graph and time events (Bar, Position,
// Rest, TimeSig recalls), as MidiTok's tokenizations/remi.py.
#include "miditok/tokenizers/remi.h"

#include <algorithm>
#include <cstdint>

#include "../tokenizer/event_order.h"
#include "../tokenizer/event_push.h"
#include "../tokenizer/int_value.h"
#include "miditok/core/error.h"

namespace miditok {

namespace {

long long floor_div(long long a, long long b) {
  long long q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

int tpb_of(int den, int time_division) {
  if (den == 4) return time_division;
  return static_cast<int>(time_division * (4.0 / den));
}

std::pair<int, int> parse_ts(std::string_view v) {
  auto p = v.find('/');
  if (p == std::string_view::npos)
    throw TokenError("malformed TimeSig value \"" + std::string(v) + "\"");
  return {std::stoi(std::string(v.substr(0, p))), std::stoi(std::string(v.substr(p + 1)))};
}

using detail::type_is;
using detail::type_starts_with;

// The end time an event contributes to previous_note_end (REMI._previous_note_end_update).
[[gnu::always_inline]] inline long long note_end_of(const Event& e) {
  const std::string_view ty = e.type;
  switch (ty.size()) {
    case 5:  // Pitch, Tempo, Pedal, Chord
      if (type_is(ty, "Pitch")) return e.desc;
      if (type_is(ty, "Tempo") || type_is(ty, "Pedal") || type_is(ty, "Chord")) return e.time;
      return 0;
    case 6:  // KeySig
      return type_is(ty, "KeySig") ? e.time : 0;
    case 7:  // Program, TimeSig
      return (type_is(ty, "Program") || type_is(ty, "TimeSig")) ? e.time : 0;
    case 8:  // PedalOff
      return type_is(ty, "PedalOff") ? e.time : 0;
    case 9:  // PitchDrum, PitchBend
      if (type_is(ty, "PitchDrum")) return e.desc;
      return type_is(ty, "PitchBend") ? e.time : 0;
    case 13:  // ControlChange
      return type_is(ty, "ControlChange") ? e.time : 0;
    case 17:  // PitchIntervalTime
      return type_is(ty, "PitchIntervalTime") ? e.desc : 0;
    case 18:  // PitchIntervalChord
      return type_is(ty, "PitchIntervalChord") ? e.desc : 0;
    default:
      return 0;
  }
}

}  // namespace

REMI::REMI(const TokenizerConfig& config, std::optional<int> max_bar_embedding)
    : MusicTokenizer("REMI", config) {
  if (max_bar_embedding && !config_.has_additional("max_bar_embedding"))
    config_.set_additional("max_bar_embedding", std::to_string(*max_bar_embedding));
  initialize();
  bar_none_id_ = find_id("Bar_None");
}

std::unique_ptr<MusicTokenizer> REMI::clone() const { return std::make_unique<REMI>(*this); }

TokenizationTraits REMI::describe_traits() const {
  TokenizationTraits traits;
  traits.additional_defaults = {{"max_bar_embedding", "null"},
                                {"use_bar_end_tokens", "false"},
                                {"add_trailing_bars", "false"}};
  return traits;
}

void REMI::configure(TokenizationTraits& traits) {
  (void)traits;
  max_bar_embedding_ = config_.additional_int("max_bar_embedding");
  if (max_bar_embedding_ &&
      (*max_bar_embedding_ < 1 || *max_bar_embedding_ > config_limits::kMaxTableSize))
    throw ConfigError(
        "max_bar_embedding must be within 1 and " + std::to_string(config_limits::kMaxTableSize) +
        " (docs/limits.md) or None (received " + std::to_string(*max_bar_embedding_) + ")");
  bar_end_tokens_ = config_.additional_bool("use_bar_end_tokens", false);
  trailing_bars_ = config_.additional_bool("add_trailing_bars", false);
}

std::vector<std::string> REMI::create_base_vocabulary() const {
  std::vector<std::string> vocab;
  if (max_bar_embedding_)
    for (int i = 0; i < *max_bar_embedding_; ++i) vocab.push_back("Bar_" + std::to_string(i));
  else
    vocab.emplace_back("Bar_None");
  if (bar_end_tokens_) vocab.emplace_back("Bar_End");
  add_note_tokens_to_vocab_list(vocab);
  int max_beats = 0;
  for (const auto& ts : time_signatures()) max_beats = std::max(max_beats, ts.first);
  const int num_positions = config_.max_num_pos_per_beat() * max_beats;
  for (int i = 0; i < num_positions; ++i) vocab.push_back("Position_" + std::to_string(i));
  add_additional_tokens_to_vocab_list(vocab);
  return vocab;
}

struct REMI::BarState {
  long long current_bar = -1;
  long long bar_at_last_ts_change = 0;
  long long tick_at_last_ts_change = 0;
  long long tick_at_current_bar = 0;
  std::pair<int, int> current_time_sig{4, 4};
  long long ticks_per_bar = 0;
  int ticks_per_beat = 0;
  long long ticks_per_pos = 1;
  std::string ts_value;  ///< cached "num/den" of current_time_sig and its id
  token_id_t ts_id = -1;
};

void REMI::add_new_bars(tick_t until_time, std::string_view event_type, std::vector<Event>& out,
                        BarState& st) const {
  const long long num_new_bars =
      st.bar_at_last_ts_change +
      floor_div(until_time - st.tick_at_last_ts_change, st.ticks_per_bar) - st.current_bar;
  for (long long i = 0; i < num_new_bars; ++i) {
    ++st.current_bar;
    st.tick_at_current_bar =
        st.tick_at_last_ts_change + (st.current_bar - st.bar_at_last_ts_change) * st.ticks_per_bar;
    const auto tick = static_cast<tick_t>(st.tick_at_current_bar);
    if (bar_end_tokens_ && st.current_bar > 0) out.push_back(Event{"Bar", "End", tick - 1, 0, 0});
    std::string value = "None";
    if (max_bar_embedding_) {
      // MidiTok numbers bars current_bar + i (0, 2, 4...); we number them 0, 1, 2...
      if (st.current_bar >= *max_bar_embedding_)
        throw TokenError("bar " + std::to_string(st.current_bar) + " exceeds max_bar_embedding (" +
                         std::to_string(*max_bar_embedding_) + ")");
      value = std::to_string(st.current_bar);
    }
    out.push_back(Event{"Bar", value, tick, 0, 0, bar_id_(value)});
    if (config_.use_time_signatures && !(event_type == "TimeSig" && i + 1 == num_new_bars)) {
      if (st.ts_value.empty()) {
        st.ts_value = std::to_string(st.current_time_sig.first) + "/" +
                      std::to_string(st.current_time_sig.second);
        st.ts_id = find_id("TimeSig_" + st.ts_value);
      }
      out.push_back(Event{"TimeSig", st.ts_value, tick, 0, 0, st.ts_id});
    }
  }
}

std::vector<Event> REMI::add_time_events(std::vector<Event> events, int time_division) const {
  return time_events_of(events, time_division);
}

std::vector<Event> REMI::sort_and_add_time_events(std::vector<Event> events,
                                                  int time_division) const {
  const std::vector<std::uint64_t> keys = detail::sorted_time_keys(events);
  if (keys.empty()) return time_events_of(events, time_division);
  return time_events_of(detail::EventsInOrder{events.data(), keys.data(), keys.size()},
                        time_division);
}

template <class Events>
std::vector<Event> REMI::time_events_of(const Events& events, int time_division) const {
  std::vector<Event> out;
  out.reserve(events.size() * 3 / 2 + 16);
  BarState st;
  long long previous_tick = -1;
  long long previous_note_end = 0;
  const int mnpb = config_.max_num_pos_per_beat();
  if (config_.use_time_signatures)
    for (std::size_t ei = 0; ei < events.size(); ++ei)
      if (type_is(events[ei].type, "TimeSig")) {
        st.current_time_sig = parse_ts(events[ei].value);
        break;
      }
  auto update_units = [&](std::pair<int, int> ts) {
    st.ticks_per_beat = tpb_of(ts.second, time_division);
    st.ticks_per_bar = static_cast<long long>(st.ticks_per_beat) * ts.first;
    st.ticks_per_pos = st.ticks_per_beat / mnpb;
    if (st.ticks_per_bar <= 0 || st.ticks_per_pos <= 0)
      throw TokenError("the score's time division (" + std::to_string(time_division) +
                       ") is too low for this tokenizer: preprocess the score first");
  };
  update_units(st.current_time_sig);
  for (std::size_t ei = 0; ei < events.size(); ++ei) {
    detail::prefetch_ahead(events, ei);
    const Event& e = events[ei];
    if (type_starts_with(e.type, "ACTrack")) {
      out.push_back(e);
      continue;
    }
    if (e.time != previous_tick) {
      if (config_.use_rests && e.time - previous_note_end >= min_rest(st.ticks_per_beat)) {
        previous_tick = std::max(previous_note_end, previous_tick);
        auto [values, ticks] = time_ticks_to_tokens(static_cast<tick_t>(e.time - previous_tick),
                                                    st.ticks_per_beat, true);
        for (std::size_t k = 0; k < values.size(); ++k) {
          out.push_back(
              Event{"Rest", time_tuple_str(values[k]), static_cast<tick_t>(previous_tick), 0, 0});
          previous_tick += ticks[k];
        }
        const long long real_bar =
            st.bar_at_last_ts_change +
            floor_div(previous_tick - st.tick_at_last_ts_change, st.ticks_per_bar);
        if (real_bar > st.current_bar) {
          if (st.current_bar == -1) st.current_bar = 0;
          st.tick_at_current_bar += (real_bar - st.current_bar) * st.ticks_per_bar;
          st.current_bar = real_bar;
        }
      }
      add_new_bars(e.time, e.type, out, st);
      if (!type_is(e.type, "TimeSig") && !type_starts_with(e.type, "ACBar")) {
        const long long pos = floor_div(e.time - st.tick_at_current_bar, st.ticks_per_pos);
        detail::push_event(out, "Position", detail::small_int_value(pos), e.time, 0, e.time,
                           position_id(pos));
      }
      previous_tick = e.time;
    }
    if (type_is(e.type, "TimeSig")) {
      st.bar_at_last_ts_change += floor_div(e.time - st.tick_at_last_ts_change, st.ticks_per_bar);
      st.tick_at_last_ts_change = e.time;
      st.current_time_sig = parse_ts(e.value);
      st.ts_value.clear();
      update_units(st.current_time_sig);
      previous_tick -= 1;
    }
    const bool position_after = type_starts_with(e.type, "ACBar") && ei + 1 < events.size() &&
                                !type_starts_with(events[ei + 1].type, "ACBar") &&
                                e.time == events[ei + 1].time;
    const tick_t etime = e.time;
    previous_note_end = std::max(previous_note_end, note_end_of(e));
    out.push_back(e);
    if (position_after) {
      const long long pos = floor_div(etime - st.tick_at_current_bar, st.ticks_per_pos);
      detail::push_event(out, "Position", detail::small_int_value(pos), etime, 0, etime,
                         position_id(pos));
    }
  }
  if (previous_note_end > previous_tick && trailing_bars_ && !events.empty())
    add_new_bars(static_cast<tick_t>(previous_note_end), out.back().type, out, st);
  return out;
}

int REMI::count_tokens_errors(const std::vector<std::string>& tokens) const {
  return MusicTokenizer::count_tokens_errors(tokens);
}

}  // namespace miditok
