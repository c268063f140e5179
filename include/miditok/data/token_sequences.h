// Many token-id sequences in one flat buffer plus offsets: the samples of a pre-tokenized
// dataset held in memory (sequence i is ids[offsets[i], offsets[i+1])). On disk, token
// sequences live in the token store (token_store.h).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "miditok/core/types.h"

namespace miditok {

class TokenSequences {
 public:
  /// Appends one sequence.
  void push_back(std::span<const token_id_t> ids) {
    ids_.insert(ids_.end(), ids.begin(), ids.end());
    offsets_.push_back(ids_.size());
  }
  /// Number of sequences.
  std::size_t size() const { return offsets_.size() - 1; }
  /// Total number of tokens over all sequences.
  std::size_t num_tokens() const { return ids_.size(); }
  /// The ids of sequence i.
  std::span<const token_id_t> operator[](std::size_t i) const {
    return {ids_.data() + offsets_[i], static_cast<std::size_t>(offsets_[i + 1] - offsets_[i])};
  }
  /// The flat id buffer.
  const std::vector<token_id_t>& ids() const { return ids_; }
  /// The offsets, size() + 1 of them, starting at 0.
  const std::vector<std::uint64_t>& offsets() const { return offsets_; }
  bool operator==(const TokenSequences&) const = default;

 private:
  std::vector<token_id_t> ids_;
  std::vector<std::uint64_t> offsets_{0};
};

}  // namespace miditok
