#include "miditok_torch/token_dataset.h"

namespace miditok::torch_data {

TokenStoreDataset::TokenStoreDataset(const std::string& store_dir, std::size_t max_seq_len,
                                     std::optional<std::int64_t> bos_token_id,
                                     std::optional<std::int64_t> eos_token_id)
    : store_(std::make_shared<const TokenStore>(store_dir)),
      max_seq_len_(max_seq_len),
      bos_(bos_token_id),
      eos_(eos_token_id) {}

torch::Tensor TokenStoreDataset::get(std::size_t index) {
  std::vector<std::int64_t> ids = store_->item(index, max_seq_len_, bos_, eos_);
  return torch::tensor(ids, torch::kInt64);
}

}  // namespace miditok::torch_data
