// CPWord (Compound Word): REMI-like compound tokens, a Family slot (Metric / Note), a Bar or
// Position slot, Pitch and the optional Velocity, Duration, Program, Chord, Rest, Tempo and
// TimeSig slots, unused slots holding Ignore_None, as MidiTok's tokenizations/cp_word.py.
#pragma once

#include <memory>

#include "miditok/tokenizer/multi_voc.h"

namespace miditok {

class CPWord : public MultiVocTokenizer {
 public:
  /// A CPWord tokenizer.
  explicit CPWord(const TokenizerConfig& config = TokenizerConfig());
  /// A copy of this tokenizer.
  std::unique_ptr<MusicTokenizer> clone() const override;

 protected:
  TokenizationTraits describe_traits() const override;
  std::map<std::string, std::set<std::string>> create_token_types_graph() const override;
  std::vector<std::vector<std::string>> create_sub_vocabularies() const override;
  std::map<std::string, std::size_t> create_vocab_types_idx() const override;
  void compound_rows(const std::vector<Event>& events, const std::vector<token_id_t>& flat_ids,
                     int time_division, std::vector<token_id_t>& out) const override;
  Score compound_to_score(const std::vector<CompoundSequence>& sequences,
                          const std::optional<std::vector<ProgramSpec>>& programs) const override;
  int count_compound_errors(const CompoundTokens& rows) const override;

 private:
  struct RowBuilder;
  std::vector<token_id_t> pos_ids_;  ///< slot ids of Position_i
};

}  // namespace miditok
