// The BPE model of Hugging Face `tokenizers`, encode side: a vocabulary of token strings and the
// ranked merges learned by BpeTrainer. Encoding a word applies the lowest-ranked merge first (ties:
// leftmost) over a linked list of symbols, exactly as HF's BPE model does.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace miditok {

namespace detail {
struct BpeTables;
}

/// A BPE model: vocabulary, merges (by rank) and HF's model options.
class BpeModel {
 public:
  BpeModel() = default;
  /// Builds a model from the vocabulary (index = id), merges listed by rank (pairs of ids) and
  /// the continuing-subword prefix stripped from right parts when merging (throws TokenError).
  BpeModel(std::vector<std::u32string> vocab,
           const std::vector<std::pair<uint32_t, uint32_t>>& merges,
           std::optional<std::u32string> prefix = std::nullopt);

  /// Number of tokens in the vocabulary.
  [[nodiscard]] std::size_t vocab_size() const { return vocab_.size(); }
  /// The token string of an id (throws TokenError when out of range).
  [[nodiscard]] const std::u32string& id_to_token(uint32_t id) const;
  /// The id of a token string, if it is in the vocabulary.
  [[nodiscard]] std::optional<uint32_t> token_to_id(const std::u32string& token) const;
  /// The vocabulary, index = id.
  [[nodiscard]] const std::vector<std::u32string>& vocab() const { return vocab_; }
  /// The merges sorted by rank, as pairs of ids.
  [[nodiscard]] const std::vector<std::pair<uint32_t, uint32_t>>& merges() const { return merges_; }

  /// Encodes one word (already pre-tokenized) into token ids, as HF's BPE model.
  [[nodiscard]] std::vector<uint32_t> encode_word(std::u32string_view word) const;
  /// Appends the ids of one word to `out` (no allocation when warm).
  void encode_word_into(std::u32string_view word, std::vector<uint32_t>& out) const;

  std::optional<std::u32string> unk_token;
  std::optional<std::u32string> continuing_subword_prefix;
  std::optional<std::u32string> end_of_word_suffix;
  std::optional<double> dropout;
  bool fuse_unk = false;
  bool byte_fallback = false;
  bool ignore_merges = false;

 private:
  void encode_uncached(std::u32string_view word, std::vector<uint32_t>& out) const;
  // Appends the first symbols of word[from:] (prefix / suffix, unk, byte fallback) to ids.
  void first_symbols(std::u32string_view word, std::size_t from, std::vector<uint32_t>& ids) const;

  std::vector<std::u32string> vocab_;
  std::unordered_map<std::u32string, uint32_t> token_ids_;
  std::vector<std::pair<uint32_t, uint32_t>> merges_;
  // Merge table (pair -> rank, new id) and single-character ids, shared between copies.
  std::shared_ptr<const detail::BpeTables> tables_;
};

}  // namespace miditok
