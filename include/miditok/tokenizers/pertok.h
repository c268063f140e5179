// PerTok (Performance Tokenizer, by Lemonaide): notes as TimeShift (or Position) Pitch
// [MicroTiming] [Velocity] [Duration] and Bar tokens, in the ticks of a fixed resolution
// (additional_params: ticks_per_quarter, use_microtiming, max_microtiming_shift,
// num_microtiming_bins, use_position_toks). Time shifts are the closest beat_res value and the
// remainder becomes a MicroTiming token; beat_res ranges may overlap (e.g. 4 and 3 per beat).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "miditok/tokenizer/music_tokenizer.h"

namespace miditok {

class PerTok : public MusicTokenizer {
 public:
  /// A PerTok tokenizer; throws ConfigError when ticks_per_quarter / use_microtiming (or the
  /// microtiming parameters it needs) are missing from additional_params.
  explicit PerTok(const TokenizerConfig& config = TokenizerConfig());
  /// A copy of this tokenizer.
  std::unique_ptr<MusicTokenizer> clone() const override;
  /// The MicroTiming values in ticks (empty without microtiming).
  const std::vector<int>& microtiming_tick_values() const { return microtiming_values_; }

 protected:
  TokenizationTraits describe_traits() const override;
  void configure(TokenizationTraits& traits) override;
  std::vector<std::string> create_base_vocabulary() const override;
  std::map<std::string, std::set<std::string>> create_token_types_graph() const override;
  std::vector<Event> add_time_events(std::vector<Event> events, int time_division) const override;
  Score ids_to_score(const std::vector<std::span<const token_id_t>>& sequences,
                     const std::optional<std::vector<ProgramSpec>>& programs) const override;
  int count_tokens_errors(const std::vector<std::string>& tokens) const override;

 private:
  int tpq_ = 480;
  bool use_microtiming_ = false;
  bool use_position_toks_ = false;
  double max_mt_shift_ = 0.0;
  int num_mt_bins_ = 0;
  long long min_timeshift_ = 0;
  std::vector<long long> position_locations_;
  std::vector<int> microtiming_values_;
};

}  // namespace miditok
