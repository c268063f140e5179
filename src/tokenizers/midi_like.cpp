// MIDILike: configuration, base vocabulary, event order and time events, as MidiTok's
// tokenizations/midi_like.py.
#include "miditok/tokenizers/midi_like.h"

#include <algorithm>
#include <deque>
#include <nlohmann/json.hpp>

#include "../tokenizer/decode_helpers.h"
#include "../tokenizer/event_order.h"
#include "../tokenizer/time_shift_events.h"
#include "miditok/core/error.h"

namespace miditok {

namespace {

long long midi_like_note_end(const Event& e) {
  const std::string_view t = e.type;
  if (t == "NoteOn" || t == "DrumOn" || t == "PitchIntervalTime" || t == "PitchIntervalChord")
    return e.desc;
  if (t == "Program" || t == "Tempo" || t == "KeySig" || t == "Pedal" || t == "PedalOff" ||
      t == "PitchBend" || t == "Chord")
    return e.time;
  return -1;
}

// midi_like.py _order; a Program event takes the rank of the event it announces (the next one
// in creation order), which MidiTok marks with its desc.
int order_of(std::string_view type, std::string_view next_type) {
  if (type == "Tempo" || type == "TimeSig" || type == "KeySig") return 0;
  if (type == "NoteOff" || type == "DrumOff") return 1;
  if (type == "Pedal" || type == "PedalOff" || type == "Duration") return 2;
  if (type == "PitchBend") return 3;
  if (type == "ControlChange") return 4;
  if (type == "Program") {
    if (next_type == "NoteOff" || next_type == "DrumOff") return 1;
    if (next_type == "PitchBend") return 3;
    if (next_type == "ControlChange") return 4;
  }
  return 10;
}

}  // namespace

MIDILike::MIDILike(const TokenizerConfig& config) : MusicTokenizer("MIDILike", config) {
  initialize();
}

std::unique_ptr<MusicTokenizer> MIDILike::clone() const {
  return std::make_unique<MIDILike>(*this);
}

TokenizationTraits MIDILike::describe_traits() const {
  TokenizationTraits traits;
  traits.note_on_off = true;
  return traits;
}

void MIDILike::configure(TokenizationTraits& traits) {
  (void)traits;
  max_duration_.reset();
  nlohmann::json ap;
  try {
    ap = nlohmann::json::parse(config_.additional_params);
  } catch (const std::exception&) {
    return;
  }
  if (!ap.is_object() || !ap.contains("max_duration") || ap["max_duration"].is_null()) return;
  const auto& md = ap["max_duration"];
  std::vector<long long> parts;
  if (md.is_array()) {
    for (const auto& v : md)
      if (v.is_number_integer()) parts.push_back(v.get<long long>());
  } else if (md.is_string()) {
    std::string s = md.get<std::string>();
    std::size_t start = 0;
    while (start <= s.size()) {
      auto dot = s.find('.', start);
      try {
        parts.push_back(std::stoll(s.substr(start, dot - start)));
      } catch (const std::exception&) {
        parts.clear();
        break;
      }
      if (dot == std::string::npos) break;
      start = dot + 1;
    }
  }
  if (parts.size() != 3 || parts[2] <= 0 || parts[0] < 0 || parts[1] < 0)
    throw ConfigError(
        "additional_params max_duration must be (num_beats, num_positions, resolution) with "
        "resolution >= 1 and non-negative beats and positions, received " +
        md.dump());
  max_duration_ =
      TimeTuple{static_cast<int>(parts[0]), static_cast<int>(parts[1]), static_cast<int>(parts[2])};
}

std::optional<long long> MIDILike::max_duration_ticks(int ticks_per_beat) const {
  if (!max_duration_) return std::nullopt;
  return time_token_to_ticks(*max_duration_, ticks_per_beat);
}

std::vector<std::string> MIDILike::create_base_vocabulary() const {
  std::vector<std::string> vocab;
  add_note_tokens_to_vocab_list(vocab);
  for (const auto& d : durations()) vocab.push_back("TimeShift_" + time_tuple_str(d));
  add_additional_tokens_to_vocab_list(vocab);
  return vocab;
}

void MIDILike::sort_events(std::vector<Event>& events) const {
  if (!config_.use_chords) {
    MusicTokenizer::sort_events(events);
    return;
  }
  std::vector<std::pair<int, std::uint32_t>> keys(events.size());
  for (std::size_t i = 0; i < events.size(); ++i)
    keys[i] = {
        order_of(events[i].type, i + 1 < events.size() ? events[i + 1].type : std::string_view()),
        static_cast<std::uint32_t>(i)};
  std::stable_sort(keys.begin(), keys.end(), [&](const auto& a, const auto& b) {
    const tick_t ta = events[a.second].time, tb = events[b.second].time;
    return ta != tb ? ta < tb : a.first < b.first;
  });
  std::vector<std::uint32_t> order(keys.size());
  for (std::size_t i = 0; i < keys.size(); ++i) order[i] = keys[i].second;
  detail::apply_order(events, order);
}

std::vector<Event> MIDILike::add_time_events(std::vector<Event> events, int time_division) const {
  return detail::add_time_shift_events(*this, std::move(events), time_division, midi_like_note_end);
}

std::vector<Event> MIDILike::sort_and_add_time_events(std::vector<Event> events,
                                                      int time_division) const {
  if (config_.use_chords)  // sort_events then orders chords among their tick's events
    return MusicTokenizer::sort_and_add_time_events(std::move(events), time_division);
  return detail::sort_and_add_time_shift_events(*this, events, time_division, midi_like_note_end);
}

int MIDILike::count_tokens_errors(const std::vector<std::string>& tokens) const {
  // midi_like.py _tokens_errors: type successions, duplicated notes, NoteOff without NoteOn,
  // durations over max_duration and notes never ended.
  const auto& cfg = config_;
  const auto& graph = tokens_types_graph();
  int err = 0, current_program = 0, ticks_per_beat = time_division();
  long long current_tick = 0;
  std::optional<long long> max_duration = max_duration_ticks(ticks_per_beat);
  std::map<int, std::map<long long, std::deque<long long>>> active;
  std::map<int, std::vector<long long>> pitches_at_tick;
  std::map<int, long long> prev_onset, prev_chord;
  auto prev_of = [](std::map<int, long long>& m, int prog) {
    auto it = m.find(prog);
    return it == m.end() ? -128LL : it->second;
  };
  std::string_view previous_type;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    auto [type, val] = detail::split_token(tokens[i]);
    long long iv = 0;
    const bool parsed = detail::parse_int(val, iv);
    if (i > 0) {
      auto it = graph.find(std::string(previous_type));
      previous_type = type;
      if (it == graph.end() || !it->second.count(std::string(type))) {
        ++err;
        continue;
      }
    } else {
      previous_type = type;
    }
    if (type == "NoteOn" || type == "DrumOn" || type == "PitchIntervalTime" ||
        type == "PitchIntervalChord") {
      long long pitch = iv;
      if (type == "PitchIntervalTime")
        pitch = prev_of(prev_onset, current_program) + iv;
      else if (type == "PitchIntervalChord")
        pitch = prev_of(prev_chord, current_program) + iv;
      if (type != "PitchIntervalChord") prev_onset[current_program] = pitch;
      prev_chord[current_program] = pitch;
      if (cfg.using_note_duration_tokens()) active[current_program][pitch].push_back(current_tick);
      auto& at_tick = pitches_at_tick[current_program];
      if (cfg.remove_duplicated_notes &&
          std::find(at_tick.begin(), at_tick.end(), pitch) != at_tick.end()) {
        ++err;
        continue;
      }
      at_tick.push_back(pitch);
    } else if (type == "NoteOff" || type == "DrumOff") {
      auto& q = active[current_program][iv];
      if (!parsed || q.empty()) {
        ++err;
        continue;
      }
      const long long duration = current_tick - q.front();
      q.pop_front();
      if (max_duration && duration > *max_duration) ++err;
    } else if (type == "Program" && i + 1 < tokens.size()) {
      if (parsed) current_program = static_cast<int>(iv);
    } else if (type == "TimeShift" || type == "Rest") {
      pitches_at_tick.clear();
      const long long t = type == "TimeShift" ? tpb_tokens_to_ticks_lookup(ticks_per_beat, val)
                                              : tpb_rests_to_ticks_lookup(ticks_per_beat, val);
      if (t > 0) current_tick += t;
    } else if (type == "TimeSig") {
      int num = 0, den = 0;
      if (detail::parse_time_sig(val, num, den) && tpb_per_ts().count(den)) {
        ticks_per_beat = tpb_per_ts().at(den);
        max_duration = max_duration_ticks(ticks_per_beat);
      }
    }
  }
  for (const auto& [prog, by_pitch] : active)
    for (const auto& [pitch, q] : by_pitch) err += static_cast<int>(q.size());
  return err;
}

}  // namespace miditok
