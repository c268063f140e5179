// Structured: every note is the fixed cycle TimeShift [Program] Pitch [Velocity] [Duration], with
// one TimeShift per note (the closest value, TimeShift_0.0.1 for simultaneous notes). Chords,
// rests, tempos, time and key signatures, pedals, pitch bends, control changes, pitch intervals
// and program changes are forced off.
#pragma once

#include <memory>
#include <string_view>

#include "miditok/tokenizer/music_tokenizer.h"

namespace miditok {

class Structured : public MusicTokenizer {
 public:
  /// A Structured tokenizer (the unsupported options of the config are turned off).
  explicit Structured(const TokenizerConfig& config = TokenizerConfig());
  /// A copy of this tokenizer.
  std::unique_ptr<MusicTokenizer> clone() const override;

 protected:
  TokenizationTraits describe_traits() const override;
  std::vector<std::string> create_base_vocabulary() const override;
  std::map<std::string, std::set<std::string>> create_token_types_graph() const override;
  std::vector<Event> add_time_events(std::vector<Event> events, int time_division) const override;
  Score ids_to_score(const std::vector<std::span<const token_id_t>>& sequences,
                     const std::optional<std::vector<ProgramSpec>>& programs) const override;
  void sort_events(std::vector<Event>& events) const override;
};

}  // namespace miditok
