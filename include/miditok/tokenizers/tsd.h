// TSD (TimeShift Duration): TimeShift tokens move the time between events (a gap decomposed
// greedily into the largest values first, optionally Rest tokens after the notes end), a note is
// [Program] Pitch [Velocity] [Duration]. Supports every additional token type.
#pragma once

#include <memory>
#include <string_view>

#include "miditok/tokenizer/music_tokenizer.h"

namespace miditok {

class TSD : public MusicTokenizer {
 public:
  /// A TSD tokenizer.
  explicit TSD(const TokenizerConfig& config = TokenizerConfig());
  /// A copy of this tokenizer.
  std::unique_ptr<MusicTokenizer> clone() const override;

 protected:
  std::vector<std::string> create_base_vocabulary() const override;
  std::map<std::string, std::set<std::string>> create_token_types_graph() const override;
  std::vector<Event> add_time_events(std::vector<Event> events, int time_division) const override;
  /// The time sort's order read as is: the events are not reordered before add_time_events.
  std::vector<Event> sort_and_add_time_events(std::vector<Event> events,
                                              int time_division) const override;
  Score ids_to_score(const std::vector<std::span<const token_id_t>>& sequences,
                     const std::optional<std::vector<ProgramSpec>>& programs) const override;
};

}  // namespace miditok
