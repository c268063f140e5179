// Token shards: many token-id sequences in one binary file (a flat int32 buffer plus offsets), the
// on-disk form of a pre-tokenized dataset for C++ and libtorch users. Writing is atomic (temp file
// then rename); reading validates every size and offset, so a damaged shard raises IoError.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "miditok/core/types.h"

namespace miditok {

/// Sequences of token ids stored as one flat buffer plus offsets (sequence i is
/// ids[offsets[i], offsets[i+1])).
class TokenSequences {
 public:
  /// Appends one sequence.
  void push_back(std::span<const token_id_t> ids);
  /// Number of sequences.
  std::size_t size() const { return offsets_.size() - 1; }
  /// Total number of tokens over all sequences.
  std::size_t num_tokens() const { return ids_.size(); }
  /// The ids of sequence i.
  std::span<const token_id_t> operator[](std::size_t i) const;
  /// The flat id buffer.
  const std::vector<token_id_t>& ids() const { return ids_; }
  /// The offsets, size() + 1 of them, starting at 0.
  const std::vector<std::uint64_t>& offsets() const { return offsets_; }
  /// Builds from a flat buffer and offsets, validating them (TokenError when inconsistent).
  static TokenSequences from_buffers(std::vector<token_id_t> ids,
                                     std::vector<std::uint64_t> offsets);
  bool operator==(const TokenSequences&) const = default;

 private:
  std::vector<token_id_t> ids_;
  std::vector<std::uint64_t> offsets_{0};
};

/// Writes sequences to a token shard file (IoError when it cannot be written).
void write_token_shard(const std::string& path, const TokenSequences& sequences);

/// Reads a token shard file (IoError naming the file and byte offset when it is damaged).
TokenSequences read_token_shard(const std::string& path);

}  // namespace miditok
