#include "miditok_torch/token_dataset.h"

#include <algorithm>

namespace miditok::torch_data {

TokenShardDataset::TokenShardDataset(const std::string& path, std::size_t max_seq_len,
                                     std::optional<std::int64_t> bos_token_id,
                                     std::optional<std::int64_t> eos_token_id)
    : TokenShardDataset(read_token_shard(path), max_seq_len, bos_token_id, eos_token_id) {}

TokenShardDataset::TokenShardDataset(TokenSequences sequences, std::size_t max_seq_len,
                                     std::optional<std::int64_t> bos_token_id,
                                     std::optional<std::int64_t> eos_token_id)
    : sequences_(std::move(sequences)),
      max_seq_len_(max_seq_len),
      bos_(bos_token_id),
      eos_(eos_token_id) {}

torch::Tensor TokenShardDataset::get(std::size_t index) {
  const auto ids = sequences_[index];
  if (ids.empty()) return torch::empty({0}, torch::kInt64);  // as DatasetMIDI: no specials alone
  const std::size_t specials = (bos_ ? 1 : 0) + (eos_ ? 1 : 0);
  const std::size_t room = max_seq_len_ > specials ? max_seq_len_ - specials : 0;
  const std::size_t kept = std::min(ids.size(), room);
  const bool add_eos = eos_.has_value() && kept == ids.size();
  auto out = torch::empty({static_cast<std::int64_t>(kept + (bos_ ? 1 : 0) + (add_eos ? 1 : 0))},
                          torch::kInt64);
  auto* data = out.data_ptr<std::int64_t>();
  std::size_t at = 0;
  if (bos_) data[at++] = *bos_;
  for (std::size_t i = 0; i < kept; ++i) data[at++] = ids[i];
  if (add_eos) data[at++] = *eos_;
  return out;
}

}  // namespace miditok::torch_data
