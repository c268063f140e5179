// The Unigram model of Hugging Face `tokenizers`: a vocabulary of pieces with log-probabilities;
// a word is encoded by the Viterbi best segmentation (unknown characters fused into the unk
// piece), as HF's optimized encoder does.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace miditok {

/// A Unigram model: pieces with scores (index = id), unk id and byte fallback flag.
class UnigramModel {
 public:
  UnigramModel() = default;
  /// Builds a model from its pieces and scores (index = id).
  UnigramModel(std::vector<std::pair<std::u32string, double>> vocab, std::optional<uint32_t> unk_id,
               bool byte_fallback = false);

  /// Number of pieces.
  [[nodiscard]] std::size_t vocab_size() const { return vocab_.size(); }
  /// The pieces and their scores, index = id.
  [[nodiscard]] const std::vector<std::pair<std::u32string, double>>& vocab() const {
    return vocab_;
  }
  /// The id of a piece, if present.
  [[nodiscard]] const uint32_t* find(const std::u32string& token) const;
  /// The unknown piece id, if any.
  [[nodiscard]] std::optional<uint32_t> unk_id() const { return unk_id_; }
  /// Whether unknown characters fall back to <0xXX> byte pieces.
  [[nodiscard]] bool byte_fallback() const { return byte_fallback_; }
  /// Appends the ids of the best segmentation of one word to `out`.
  void encode_word_into(std::u32string_view word, std::vector<uint32_t>& out) const;

 private:
  std::vector<std::pair<std::u32string, double>> vocab_;
  std::unordered_map<std::u32string, uint32_t> token_ids_;
  std::optional<uint32_t> unk_id_;
  bool byte_fallback_ = false;
  double min_score_ = 0.0;
  std::size_t max_piece_chars_ = 0;
};

}  // namespace miditok
