// The WordPiece model of Hugging Face `tokenizers`: greedy longest-match-first over a vocabulary,
// with a continuing-subword prefix and an unknown token for words that cannot be covered or are
// longer than max_input_chars_per_word. Trained with HF's BPE trainer (see train_wordpiece).
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "miditok/models/bpe_trainer.h"

namespace miditok {

/// A WordPiece model: vocabulary (index = id) and HF's options.
class WordPieceModel {
 public:
  WordPieceModel() = default;
  /// Builds a model from its vocabulary (index = id).
  explicit WordPieceModel(std::vector<std::u32string> vocab);

  /// Number of tokens in the vocabulary.
  [[nodiscard]] std::size_t vocab_size() const { return vocab_.size(); }
  /// The vocabulary, index = id.
  [[nodiscard]] const std::vector<std::u32string>& vocab() const { return vocab_; }
  /// The id of a token string, if present.
  [[nodiscard]] const uint32_t* find(const std::u32string& token) const;
  /// Appends the ids of one word to `out`, as HF's WordPiece model.
  void encode_word_into(std::u32string_view word, std::vector<uint32_t>& out) const;

  std::u32string unk_token = U"[UNK]";
  std::u32string continuing_subword_prefix = U"##";
  std::size_t max_input_chars_per_word = 100;

 private:
  std::vector<std::u32string> vocab_;
  std::unordered_map<std::u32string, uint32_t> token_ids_;
};

/// Trains a WordPiece vocabulary as HF's WordPieceTrainer (a BPE training whose vocabulary is
/// kept; the prefix defaults to "##" when config has none).
WordPieceModel train_wordpiece(const WordCounts& words, BpeTrainerConfig config);

}  // namespace miditok
