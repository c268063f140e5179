// MuMIDI (PopMAG): every track in one sequence of ragged compound tokens, as MidiTok's
// tokenizations/mumidi.py. Slot 0 holds Pitch / PitchDrum / Bar / Position / Program / Chord,
// then BarPosEnc_i, PositionPosEnc_i|None, [Tempo] and, on notes, [Velocity] [Duration].
// Time is 4/4 bars (max_bar_embedding, 60 by default; longer scores are clipped).
#pragma once

#include <memory>
#include <unordered_map>

#include "miditok/tokenizer/multi_voc.h"

namespace miditok {

class MuMIDI : public MultiVocTokenizer {
 public:
  /// A MuMIDI tokenizer.
  explicit MuMIDI(const TokenizerConfig& config = TokenizerConfig());
  /// A copy of this tokenizer.
  std::unique_ptr<MusicTokenizer> clone() const override;

 protected:
  void tweak_config_before_creating_voc() override;
  std::map<std::string, std::set<std::string>> create_token_types_graph() const override;
  std::vector<std::vector<std::string>> create_sub_vocabularies() const override;
  std::map<std::string, std::size_t> create_vocab_types_idx() const override;
  TokenizationTraits describe_traits() const override;
  std::vector<CompoundSequence> encode_compound_score(Score preprocessed) const override;
  Score compound_to_score(const std::vector<CompoundTokens>& sequences,
                          const std::optional<std::vector<ProgramSpec>>& programs) const override;
  int count_compound_errors(const CompoundTokens& rows) const override;

 private:
  struct Item;
  std::vector<Item> note_items(const Score& score) const;
  int max_bar_embedding_ = 60;
  // slot ids looked up once (-1: not in the sub-vocabulary)
  std::vector<token_id_t> pitch_ids_, drum_ids_, program_ids_, velocity_ids_;
  std::vector<token_id_t> pos_ids_, bar_enc_ids_, pos_enc_ids_;
  std::unordered_map<tick_t, token_id_t> duration_ids_;  ///< ticks at time_division -> slot id
  token_id_t bar_id_ = -1, pos_enc_none_id_ = -1;
};

}  // namespace miditok
