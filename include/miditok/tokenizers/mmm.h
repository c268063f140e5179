// MMM (Multitrack Music Machine): every track is tokenized on its own by a base tokenization
// (additional_params["base_tokenizer"]: REMI, TSD or MIDILike) and the tracks are concatenated as
// Track_Start Program_p <track tokens> Track_End. MMM holds the base tokenizer and composes it
// through its public stages (time events, event order, decoding, error count, vocabulary).
#pragma once

#include <memory>
#include <optional>
#include <string_view>

#include "miditok/tokenizer/music_tokenizer.h"

namespace miditok {

class MMM : public MusicTokenizer {
 public:
  /// An MMM tokenizer; throws ConfigError without a valid additional_params["base_tokenizer"].
  explicit MMM(const TokenizerConfig& config = TokenizerConfig());
  MMM(const MMM& other);
  MMM& operator=(const MMM& other);
  /// A copy of this tokenizer.
  std::unique_ptr<MusicTokenizer> clone() const override;
  /// The base tokenization (REMI, TSD or MIDILike) used for each track.
  const MusicTokenizer& base_tokenizer() const { return *base_; }

 protected:
  TokenizationTraits describe_traits() const override;
  void configure(TokenizationTraits& traits) override;
  std::vector<std::string> create_base_vocabulary() const override;
  std::map<std::string, std::set<std::string>> create_token_types_graph() const override;
  std::vector<Event> add_time_events(std::vector<Event> events, int time_division) const override;
  std::vector<TokSequence> encode_score(const Score& score, bool with_tokens,
                                        const AcIndexes& attribute_controls_indexes) const override;
  Score tokens_to_score(const std::vector<std::vector<std::string_view>>& sequences,
                        const std::optional<std::vector<ProgramSpec>>& programs) const override;
  Score ids_to_score(const std::vector<std::span<const token_id_t>>& sequences,
                     const std::optional<std::vector<ProgramSpec>>& programs) const override;
  void sort_events(std::vector<Event>& events) const override;
  int count_tokens_errors(const std::vector<std::string>& tokens) const override;

 private:
  std::unique_ptr<MusicTokenizer> base_;
};

}  // namespace miditok
