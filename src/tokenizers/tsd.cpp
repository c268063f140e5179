// TSD: base vocabulary, time events and registration, as MidiTok's tokenizations/tsd.py.
#include "miditok/tokenizers/tsd.h"

#include "../tokenizer/time_shift_events.h"

namespace miditok {

namespace {

long long tsd_note_end(const Event& e) {
  const std::string_view t = e.type;
  if (t == "Pitch" || t == "PitchDrum" || t == "PitchIntervalTime" || t == "PitchIntervalChord")
    return e.desc;
  if (t == "Program" || t == "Tempo" || t == "TimeSig" || t == "KeySig" || t == "Pedal" ||
      t == "PedalOff" || t == "PitchBend" || t == "ControlChange" || t == "Chord")
    return e.time;
  return -1;
}

}  // namespace

TSD::TSD(const TokenizerConfig& config) : MusicTokenizer("TSD", config) { initialize(); }

std::unique_ptr<MusicTokenizer> TSD::clone() const { return std::make_unique<TSD>(*this); }

std::vector<std::string> TSD::create_base_vocabulary() const {
  std::vector<std::string> vocab;
  add_note_tokens_to_vocab_list(vocab);
  for (const auto& d : durations()) vocab.push_back("TimeShift_" + time_tuple_str(d));
  add_additional_tokens_to_vocab_list(vocab);
  return vocab;
}

std::vector<Event> TSD::add_time_events(std::vector<Event> events, int time_division) const {
  return detail::add_time_shift_events(*this, std::move(events), time_division, tsd_note_end);
}

std::vector<Event> TSD::sort_and_add_time_events(std::vector<Event> events,
                                                 int time_division) const {
  return detail::sort_and_add_time_shift_events(*this, events, time_division, tsd_note_end);
}

}  // namespace miditok
