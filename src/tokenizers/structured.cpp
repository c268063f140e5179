// Structured: forced configuration, vocabulary, token-type graph and one TimeShift per note, as
// MidiTok's tokenizations/structured.py (decoding: structured_decode.cpp).
#include "miditok/tokenizers/structured.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "../tokenizer/decode_helpers.h"
#include "miditok/tokenizer/config_warnings.h"

namespace miditok {

Structured::Structured(const TokenizerConfig& config) : MusicTokenizer("Structured", config) {
  initialize();
}

std::unique_ptr<MusicTokenizer> Structured::clone() const {
  return std::make_unique<Structured>(*this);
}

void Structured::tweak_config_before_creating_voc() {
  auto& c = config_;
  if (c.use_control_changes)
    config_warning(
        "Control changes are not supported by the Structured tokenization. Disabling them.");
  if (c.use_key_signatures)
    config_warning(
        "Key signatures are not supported by Structured, as its token type successions are "
        "strict and do not allow global tokens. Disabling `use_key_signatures`.");
  c.use_chords = c.use_rests = c.use_tempos = c.use_time_signatures = false;
  c.use_sustain_pedals = c.use_pitch_bends = c.use_control_changes = false;
  c.use_pitch_intervals = c.program_changes = c.use_key_signatures = false;
  c.disable_attribute_controls();
}

std::vector<std::string> Structured::create_base_vocabulary() const {
  std::vector<std::string> vocab;
  add_note_tokens_to_vocab_list(vocab);
  vocab.emplace_back("TimeShift_0.0.1");
  for (const auto& d : durations()) vocab.push_back("TimeShift_" + time_tuple_str(d));
  add_additional_tokens_to_vocab_list(vocab);
  return vocab;
}

std::map<std::string, std::set<std::string>> Structured::create_token_types_graph() const {
  const auto& c = config_;
  const std::string after_pitch = c.use_velocities                 ? "Velocity"
                                  : c.using_note_duration_tokens() ? "Duration"
                                                                   : "TimeShift";
  std::map<std::string, std::set<std::string>> dic{{"Pitch", {after_pitch}},
                                                   {"PitchDrum", {after_pitch}},
                                                   {"TimeShift", {"Pitch", "PitchDrum"}}};
  if (c.use_velocities)
    dic["Velocity"] = {c.using_note_duration_tokens() ? "Duration" : "TimeShift"};
  if (c.using_note_duration_tokens()) dic["Duration"] = {"TimeShift"};
  if (c.use_programs) {
    dic["Program"] = {"Pitch", "PitchDrum"};
    dic["TimeShift"] = {"Program"};
  }
  return dic;
}

void Structured::sort_events(std::vector<Event>& events) const {
  // Per track, MidiTok keeps the notes' order (it inserts the TimeShifts while creating them).
  if (config_.one_token_stream_for_programs) MusicTokenizer::sort_events(events);
}

std::vector<Event> Structured::add_time_events(std::vector<Event> events, int time_division) const {
  // The TimeShift bins and their values at this time division (the last value wins on equal
  // ticks, as MidiTok's ticks-to-token dict).
  std::vector<tick_t> bins;
  std::map<tick_t, std::string> names;
  for (const auto& d : durations()) {
    bins.push_back(time_token_to_ticks(d, time_division));
    names[bins.back()] = time_tuple_str(d);
  }
  auto closest = [&](long long v) -> tick_t {  // numpy np_get_closest: ties to the upper bin
    auto idx =
        static_cast<std::size_t>(std::lower_bound(bins.begin(), bins.end(), v) - bins.begin());
    if (idx == bins.size() ||
        std::fabs(static_cast<double>(v - bins[idx > 0 ? idx - 1 : 0])) <
            std::fabs(static_cast<double>(v - bins[std::min(idx, bins.size() - 1)])))
      idx = idx > 0 ? idx - 1 : 0;
    return bins[idx];
  };
  const bool programs = config_.use_programs;
  std::vector<Event> out;
  out.reserve(events.size() * 4 / 3 + 4);
  long long previous_tick = 0;
  for (auto& e : events) {
    const bool check =
        programs ? detail::tok_is(e.type, "Program")
                 : (detail::tok_is(e.type, "Pitch") || detail::tok_is(e.type, "PitchDrum"));
    if (check && !bins.empty()) {
      const long long shift = e.time - previous_tick;
      out.push_back(Event{"TimeShift", shift == 0 ? std::string("0.0.1") : names[closest(shift)],
                          e.time, 0, 0});
      previous_tick = e.time;
    }
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace miditok
