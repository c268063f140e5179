// MultiVocTokenizer: the base of the compound (multi-vocabulary) tokenizations (Octuple, CPWord,
// MuMIDI). One sub-vocabulary per slot of a compound token; a sequence is rows of K ids (one per
// slot); MuMIDI's rows are ragged (the first slots only, the rest held as kAbsentSlot).
// Encoding reuses the core's time-sorted events, which each tokenization turns into rows
// (compound_rows hook; MuMIDI writes its rows from the score's notes: score_rows hook); decoding
// turns rows of ids back into a Score (compound_to_score hook), reading them through each
// sub-vocabulary's decode table.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "miditok/tokenizer/compound_tokens.h"
#include "miditok/tokenizer/music_tokenizer.h"

namespace miditok {

/// A compound token sequence: rows of `width` ids (one per sub-vocabulary), stored row-major.
struct CompoundSequence {
  std::size_t width = 0;
  std::vector<token_id_t> ids;
  std::vector<tick_t> ticks_bars;
  std::vector<tick_t> ticks_beats;

  /// Number of compound tokens (rows).
  std::size_t size() const { return width == 0 ? 0 : ids.size() / width; }
  /// Id of the slots a ragged row (MuMIDI) does not have; they follow its last slot.
  static constexpr token_id_t kAbsentSlot = -1;
};

class MultiVocTokenizer : public MusicTokenizer {
 public:
  /// Number of sub-vocabularies (slots of a compound token).
  std::size_t num_vocabs() const { return sub_tokens_.size(); }
  /// The tokens of each sub-vocabulary, indexed by id (special tokens first).
  const std::vector<std::vector<std::string>>& sub_vocabularies() const { return sub_tokens_; }
  /// Id of a token in a sub-vocabulary; throws TokenError naming the token and the slot.
  token_id_t sub_token_to_id(std::size_t vocab, std::string_view token) const;
  /// Token of an id in a sub-vocabulary; throws TokenError when out of it.
  const std::string& sub_id_to_token(std::size_t vocab, token_id_t id) const;
  /// Id of a token in a sub-vocabulary, -1 when absent.
  token_id_t find_sub_id(std::size_t vocab, std::string_view token) const;
  /// Index of the sub-vocabulary of each token type (MidiTok's vocab_types_idx).
  const std::map<std::string, std::size_t>& vocab_types_idx() const { return types_idx_; }
  /// True when compound tokens have different lengths (MuMIDI): a row holds its first slots,
  /// then CompoundSequence::kAbsentSlot up to the width.
  bool ragged_rows() const { return traits().ragged_rows; }

  /// Tokenizes a score into compound sequences (one, or one per track).
  std::vector<CompoundSequence> encode_compound(const Score& score,
                                                bool no_preprocess_score = false) const;
  /// Token strings of the rows of a compound sequence; throws TokenError naming the position.
  std::vector<std::vector<std::string>> compound_ids_to_tokens(const CompoundSequence& seq) const;
  /// Ids of rows of token strings; throws TokenError naming the position and token.
  CompoundSequence compound_tokens_to_ids(const std::vector<std::vector<std::string>>& rows) const;
  /// Decodes compound id sequences into a score; out-of-vocabulary ids throw TokenError
  /// naming the sequence, row and slot.
  Score decode_compound(
      const std::vector<CompoundSequence>& sequences,
      const std::optional<std::vector<ProgramSpec>>& programs = std::nullopt) const;
  /// Decodes rows of token strings (validated against the sub-vocabularies) into a score.
  Score decode_compound_tokens(
      const std::vector<std::vector<std::vector<std::string>>>& sequences,
      const std::optional<std::vector<ProgramSpec>>& programs = std::nullopt) const;
  /// Ratio of erroneous compound tokens of a sequence (MidiTok's tokens_errors).
  double compound_tokens_errors(const std::vector<std::vector<std::string>>& rows) const;

 protected:
  MultiVocTokenizer(std::string class_name, TokenizerConfig config);
  /// Finishes construction (MusicTokenizer::initialize, then the sub-vocabularies); subclasses
  /// call it at the end of their constructor.
  void initialize();
  /// additional_params["max_bar_embedding"] (Octuple and MuMIDI default it to 60 in their
  /// traits); ConfigError below 1.
  int max_bar_embedding_param() const;

  // hooks of the compound tokenizations
  /// Sub-vocabularies without the special tokens, in slot order.
  virtual std::vector<std::vector<std::string>> create_sub_vocabularies() const = 0;
  /// Slot index of each token type.
  virtual std::map<std::string, std::size_t> create_vocab_types_idx() const = 0;
  /// What every compound tokenization is and forces (multi_vocabulary; pedals, pitch bends,
  /// control changes, pitch intervals, key signatures, program changes and attribute controls
  /// off; Duration tokens for every program or none); a compound tokenization adds its own.
  TokenizationTraits describe_traits() const override;
  /// The rows of the sequences of a preprocessed score clipped to traits().max_bars: per
  /// sequence, its ids row-major (num_vocabs() per row). Default: each sequence of the core's
  /// events (encode_score) made into rows by compound_rows. MuMIDI, whose rows do not follow
  /// the core's events, writes them from the score's notes here.
  virtual std::vector<std::vector<token_id_t>> score_rows(const Score& score) const;
  /// Appends the rows (num_vocabs() ids each) of the time-sorted events of one sequence
  /// (encode_score's); `flat_ids` holds each event's id in the union vocabulary (see sub_id_of).
  /// A compound tokenization overrides this or score_rows (std::logic_error if neither is).
  virtual void compound_rows(const std::vector<Event>& events,
                             const std::vector<token_id_t>& flat_ids, int time_division,
                             std::vector<token_id_t>& out) const;
  /// Rows of ids (checked in the sub-vocabularies; read through sub_id_tables()) to a Score
  /// (before the default tempo / time signature).
  virtual Score compound_to_score(
      const std::vector<CompoundSequence>& sequences,
      const std::optional<std::vector<ProgramSpec>>& programs) const = 0;
  /// Number of erroneous rows.
  virtual int count_compound_errors(const CompoundTokens& rows) const = 0;

  // the single-vocabulary hooks, fixed for compound tokenizations
  std::vector<std::string> create_base_vocabulary() const final;
  Score tokens_to_score(const std::vector<std::vector<std::string_view>>& sequences,
                        const std::optional<std::vector<ProgramSpec>>& programs) const final;

  /// Id of a token in a slot, throwing TokenError when absent (for compound_rows).
  token_id_t slot_id(std::size_t vocab, const std::string& token) const {
    return sub_token_to_id(vocab, token);
  }
  /// Slot id of an event whose union-vocabulary id is `flat` (a table lookup; TokenError naming
  /// the token when the slot lacks it).
  token_id_t sub_id_of(std::size_t slot, const Event& event, token_id_t flat) const {
    const auto& table = flat_to_sub_[slot];
    if (flat >= 0 && static_cast<std::size_t>(flat) < table.size() &&
        table[static_cast<std::size_t>(flat)] >= 0)
      return table[static_cast<std::size_t>(flat)];
    return slot_id(slot, event.str());
  }
  /// Slot ids of "<type>_0", "<type>_1"... up to the first missing one (Position, Bar tables).
  std::vector<token_id_t> numbered_ids(std::size_t slot, const std::string& type) const;
  /// The decode table of each sub-vocabulary (src/tokenizer/id_table.h), in slot order, built
  /// on first use (a copied tokenizer builds its own).
  std::vector<std::shared_ptr<const detail::IdTable>> sub_id_tables() const;
  /// The final tempo list of a decoded score, as MidiTok's compound decoders build it from the
  /// tempo changes found (without the mocked first one).
  std::vector<Tempo> finish_tempos(std::vector<Tempo> tempos) const;

 private:
  /// The compound sequences of a preprocessed score: its bar / beat ticks, then the score
  /// clipped to traits().max_bars made into rows (score_rows).
  std::vector<CompoundSequence> encode_compound_score(Score preprocessed) const;
  /// Builds the sub-vocabularies (after the union vocabulary).
  void initialize_multi_voc();
  /// Number of slots of row `r` (its width unless ragged); TokenError when a slot after an absent
  /// one is present.
  std::size_t row_length(const CompoundSequence& seq, std::size_t r, std::size_t s) const;
  Score finish_decode(Score score) const;
  std::vector<std::vector<std::string>> sub_tokens_;
  std::vector<std::unordered_map<std::string, token_id_t, TokenHash, std::equal_to<>>> sub_vocab_;
  std::map<std::string, std::size_t> types_idx_;
  std::vector<std::vector<token_id_t>> flat_to_sub_;      ///< per slot: union id -> slot id
  std::vector<detail::IdTableCache> sub_id_table_cache_;  ///< per slot
};

}  // namespace miditok
