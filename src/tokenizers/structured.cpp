// Structured: forced configuration, vocabulary, token-type graph and one TimeShift per note, as
// MidiTok's tokenizations/structured.py (decoding: structured_decode.cpp).
#include "miditok/tokenizers/structured.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "../tokenizer/decode_helpers.h"

namespace miditok {

Structured::Structured(const TokenizerConfig& config) : MusicTokenizer("Structured", config) {
  initialize();
}

std::unique_ptr<MusicTokenizer> Structured::clone() const {
  return std::make_unique<Structured>(*this);
}

TokenizationTraits Structured::describe_traits() const {
  TokenizationTraits traits;
  traits.forced = {
      {&TokenizerConfig::use_chords, false},
      {&TokenizerConfig::use_rests, false},
      {&TokenizerConfig::use_tempos, false},
      {&TokenizerConfig::use_time_signatures, false},
      {&TokenizerConfig::use_sustain_pedals, false},
      {&TokenizerConfig::use_pitch_bends, false},
      {&TokenizerConfig::use_control_changes, false, kControlChangesUnsupported},
      {&TokenizerConfig::use_pitch_intervals, false},
      {&TokenizerConfig::program_changes, false},
      {&TokenizerConfig::use_key_signatures, false,
       "Key signatures are not supported by Structured, as its token type successions are "
       "strict and do not allow global tokens. Disabling `use_key_signatures`."},
  };
  traits.attribute_controls = false;
  return traits;
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
  // The TimeShift bins at this time division (integers only: a bin's value is the last duration
  // of its tick count, as MidiTok's ticks-to-token dict, and its string is built on first use).
  std::vector<tick_t> bins;
  bins.reserve(durations().size());
  for (const auto& d : durations()) bins.push_back(time_token_to_ticks(d, time_division));
  std::vector<std::string> names(bins.size());
  std::vector<token_id_t> ids(bins.size(), -1);
  auto closest = [&](long long v) -> std::size_t {
    // numpy np_get_closest: ties to the upper bin
    auto idx =
        static_cast<std::size_t>(std::lower_bound(bins.begin(), bins.end(), v) - bins.begin());
    if (idx == bins.size() ||
        std::fabs(static_cast<double>(v - bins[idx > 0 ? idx - 1 : 0])) <
            std::fabs(static_cast<double>(v - bins[std::min(idx, bins.size() - 1)])))
      idx = idx > 0 ? idx - 1 : 0;
    const auto last = static_cast<std::size_t>(
        std::upper_bound(bins.begin(), bins.end(), bins[idx]) - bins.begin() - 1);
    if (names[last].empty()) {
      names[last] = time_tuple_str(durations()[last]);
      ids[last] = find_id("TimeShift_" + names[last]);
    }
    return last;
  };
  const token_id_t zero_id = find_id("TimeShift_0.0.1");
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
      if (shift == 0) {
        out.push_back(Event{"TimeShift", "0.0.1", e.time, 0, 0, zero_id});
      } else {
        const std::size_t bin = closest(shift);
        out.push_back(Event{"TimeShift", names[bin], e.time, 0, 0, ids[bin]});
      }
      previous_tick = e.time;
    }
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace miditok
