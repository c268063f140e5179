// REMI (and REMI+ with programs and time signatures): Bar and Position tokens on a beat grid, a
// note as [Program] Pitch [Velocity] [Duration]. Options in additional_params:
// max_bar_embedding (numbered Bar_i tokens), use_bar_end_tokens, add_trailing_bars.
#pragma once

#include <memory>
#include <optional>

#include "miditok/tokenizer/music_tokenizer.h"

namespace miditok {

class REMI : public MusicTokenizer {
 public:
  /// A REMI tokenizer; max_bar_embedding is used when the config does not set it.
  explicit REMI(const TokenizerConfig& config = TokenizerConfig(),
                std::optional<int> max_bar_embedding = std::nullopt);
  /// A copy of this tokenizer.
  std::unique_ptr<MusicTokenizer> clone() const override;

 protected:
  TokenizationTraits describe_traits() const override;
  void configure(TokenizationTraits& traits) override;
  std::vector<std::string> create_base_vocabulary() const override;
  std::map<std::string, std::set<std::string>> create_token_types_graph() const override;
  std::vector<Event> add_time_events(std::vector<Event> events, int time_division) const override;
  /// The time sort's order read as is: the events are not reordered before add_time_events.
  std::vector<Event> sort_and_add_time_events(std::vector<Event> events,
                                              int time_division) const override;
  Score ids_to_score(const std::vector<std::span<const token_id_t>>& sequences,
                     const std::optional<std::vector<ProgramSpec>>& programs) const override;
  int count_tokens_errors(const std::vector<std::string>& tokens) const override;

 private:
  struct BarState;
  /// add_time_events of `events` read through operator[] (a vector, or a view in time order).
  template <class Events>
  std::vector<Event> time_events_of(const Events& events, int time_division) const;
  void add_new_bars(tick_t until_time, std::string_view event_type, std::vector<Event>& out,
                    BarState& st) const;
  token_id_t bar_id_(const std::string& value) const {
    return value == "None" ? bar_none_id_ : find_id("Bar_" + value);
  }
  token_id_t bar_none_id_ = -1;
  std::optional<int> max_bar_embedding_;
  bool bar_end_tokens_ = false;
  bool trailing_bars_ = false;
};

}  // namespace miditok
