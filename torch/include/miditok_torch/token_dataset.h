// A torch::data dataset over a token shard (miditok/data/token_shard.h): each item is one token
// sequence as an int64 tensor, truncated to max_seq_len with the optional BOS/EOS ids added the
// way miditok's DatasetMIDI adds them (room kept for both, EOS dropped on truncation).
#pragma once

#include <torch/torch.h>

#include <optional>
#include <string>

#include "miditok/data/token_shard.h"

namespace miditok::torch_data {

/// Token sequences of a shard file as a random-access torch dataset.
class TokenShardDataset : public torch::data::datasets::Dataset<TokenShardDataset, torch::Tensor> {
 public:
  /// Loads `path` (IoError when damaged); items are at most max_seq_len ids long.
  TokenShardDataset(const std::string& path, std::size_t max_seq_len,
                    std::optional<std::int64_t> bos_token_id = std::nullopt,
                    std::optional<std::int64_t> eos_token_id = std::nullopt);
  /// Wraps sequences already in memory.
  TokenShardDataset(TokenSequences sequences, std::size_t max_seq_len,
                    std::optional<std::int64_t> bos_token_id = std::nullopt,
                    std::optional<std::int64_t> eos_token_id = std::nullopt);
  /// The ids of sequence `index` as an int64 tensor.
  torch::Tensor get(std::size_t index) override;
  /// Number of sequences.
  torch::optional<std::size_t> size() const override { return sequences_.size(); }

 private:
  TokenSequences sequences_;
  std::size_t max_seq_len_;
  std::optional<std::int64_t> bos_, eos_;
};

}  // namespace miditok::torch_data
