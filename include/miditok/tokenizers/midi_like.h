// MIDI-Like: NoteOn / NoteOff (DrumOn / DrumOff for drums), Velocity and TimeShift tokens, as
// MIDI messages. NoteOff tokens are paired with NoteOn first in, first out when decoding; the
// additional parameter max_duration (beats, positions, resolution) caps decoded durations.
#pragma once

#include <memory>
#include <optional>
#include <string_view>

#include "miditok/tokenizer/music_tokenizer.h"

namespace miditok {

class MIDILike : public MusicTokenizer {
 public:
  /// A MIDILike tokenizer.
  explicit MIDILike(const TokenizerConfig& config = TokenizerConfig());
  /// A copy of this tokenizer.
  std::unique_ptr<MusicTokenizer> clone() const override;

 protected:
  void configure(TokenizationTraits& traits) override;
  TokenizationTraits describe_traits() const override;
  std::vector<std::string> create_base_vocabulary() const override;
  std::map<std::string, std::set<std::string>> create_token_types_graph() const override;
  std::vector<Event> add_time_events(std::vector<Event> events, int time_division) const override;
  /// The time sort's order read as is: the events are not reordered before add_time_events.
  std::vector<Event> sort_and_add_time_events(std::vector<Event> events,
                                              int time_division) const override;
  Score ids_to_score(const std::vector<std::span<const token_id_t>>& sequences,
                     const std::optional<std::vector<ProgramSpec>>& programs) const override;
  void sort_events(std::vector<Event>& events) const override;
  int count_tokens_errors(const std::vector<std::string>& tokens) const override;

 private:
  /// Ticks of max_duration at a ticks-per-beat (nullopt without max_duration).
  std::optional<long long> max_duration_ticks(int ticks_per_beat) const;
  std::optional<TimeTuple> max_duration_;
};

}  // namespace miditok
