// Octuple (MusicBERT): one compound token per note, its slots Pitch, Position, Bar and the
// optional Velocity, Duration, Program, Tempo and TimeSig, as MidiTok's tokenizations/octuple.py.
// Bars are numbered (max_bar_embedding, 60 by default); longer scores are clipped.
#pragma once

#include <memory>

#include "miditok/tokenizer/multi_voc.h"

namespace miditok {

class Octuple : public MultiVocTokenizer {
 public:
  /// An Octuple tokenizer.
  explicit Octuple(const TokenizerConfig& config = TokenizerConfig());
  /// A copy of this tokenizer.
  std::unique_ptr<MusicTokenizer> clone() const override;

 protected:
  TokenizationTraits describe_traits() const override;
  void configure(TokenizationTraits& traits) override;
  std::map<std::string, std::set<std::string>> create_token_types_graph() const override {
    return {};
  }
  std::vector<std::vector<std::string>> create_sub_vocabularies() const override;
  std::map<std::string, std::size_t> create_vocab_types_idx() const override;
  void compound_rows(const std::vector<Event>& events, const std::vector<token_id_t>& flat_ids,
                     int time_division, std::vector<token_id_t>& out) const override;
  Score compound_to_score(const std::vector<CompoundSequence>& sequences,
                          const std::optional<std::vector<ProgramSpec>>& programs) const override;
  int count_compound_errors(const CompoundTokens& rows) const override;

 private:
  int max_bar_embedding_ = 60;
  std::vector<token_id_t> pos_ids_, bar_ids_;  ///< slot ids of Position_i and Bar_i
};

}  // namespace miditok
