// MuMIDI (PopMAG): every track in one sequence of ragged compound tokens, as MidiTok's
// tokenizations/mumidi.py. Slot 0 holds Pitch / PitchDrum / Bar / Position / Program / Chord,
// then BarPosEnc_i, PositionPosEnc_i|None, [Tempo] and, on notes, [Velocity] [Duration].
// Time is 4/4 bars (max_bar_embedding, 60 by default; longer scores are clipped).
#pragma once

#include <memory>
#include <utility>
#include <vector>

#include "miditok/tokenizer/multi_voc.h"

namespace miditok {

class MuMIDI : public MultiVocTokenizer {
 public:
  /// A MuMIDI tokenizer.
  explicit MuMIDI(const TokenizerConfig& config = TokenizerConfig());
  /// A copy of this tokenizer.
  std::unique_ptr<MusicTokenizer> clone() const override;

 protected:
  TokenizationTraits describe_traits() const override;
  void configure(TokenizationTraits& traits) override;
  std::map<std::string, std::set<std::string>> create_token_types_graph() const override;
  std::vector<std::vector<std::string>> create_sub_vocabularies() const override;
  std::map<std::string, std::size_t> create_vocab_types_idx() const override;
  /// One sequence: the notes and chords of the tracks by time then program, as rows written
  /// straight from them (no event per token): Bar, Position and Program rows before the notes,
  /// each row with its bar and position encodings (and tempo where it changes).
  std::vector<std::vector<token_id_t>> score_rows(const Score& score) const override;
  Score compound_to_score(const std::vector<CompoundSequence>& sequences,
                          const std::optional<std::vector<ProgramSpec>>& programs) const override;
  int count_compound_errors(const CompoundTokens& rows) const override;

 private:
  int max_bar_embedding_ = 60;
  // slot ids (-1: not in the sub-vocabulary)
  std::vector<token_id_t> pitch_ids_, drum_ids_, velocity_ids_;
  /// Slot id of the Duration token of a note of `ticks` (-1: none).
  token_id_t duration_id(tick_t ticks) const;
  static constexpr tick_t kDenseDurationTicks = 1 << 16;
  std::vector<token_id_t> duration_ids_;  ///< indexed by ticks, below kDenseDurationTicks
  std::vector<std::pair<tick_t, token_id_t>> long_duration_ids_;  ///< the others, sorted
  std::vector<token_id_t> program_ids_, pos_ids_, bar_enc_ids_, pos_enc_ids_;
  token_id_t bar_id_ = -1, pos_enc_none_id_ = -1;
};

}  // namespace miditok
