// A torch::data dataset over a token store (miditok/data/token_store.h): each item is one
// document as an int64 tensor, cut to max_seq_len with the optional BOS/EOS ids added the way
// miditok's DatasetJSON / DatasetMIDI add them (room kept for both, EOS dropped when cut). The
// store stays memory-mapped; copies of the dataset share it.
#pragma once

#include <torch/torch.h>

#include <memory>
#include <optional>
#include <string>

#include "miditok/data/token_store.h"

namespace miditok::torch_data {

/// The documents of a token store as a random-access torch dataset.
class TokenStoreDataset : public torch::data::datasets::Dataset<TokenStoreDataset, torch::Tensor> {
 public:
  /// Opens the store at `store_dir` (IoError when damaged); items are at most max_seq_len long.
  TokenStoreDataset(const std::string& store_dir, std::size_t max_seq_len,
                    std::optional<std::int64_t> bos_token_id = std::nullopt,
                    std::optional<std::int64_t> eos_token_id = std::nullopt);
  /// The ids of document `index` as an int64 tensor.
  torch::Tensor get(std::size_t index) override;
  /// Number of documents.
  torch::optional<std::size_t> size() const override { return store_->size(); }

 private:
  std::shared_ptr<const TokenStore> store_;
  std::size_t max_seq_len_;
  std::optional<std::int64_t> bos_, eos_;
};

}  // namespace miditok::torch_data
