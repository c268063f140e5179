#include "miditok_torch/collate.h"

#include <algorithm>

namespace miditok::torch_data {
namespace {

// Stacks sequences into (batch, max_len) filled with `pad`, aligned left or right.
torch::Tensor pad_stack(const std::vector<torch::Tensor>& seqs, std::int64_t pad, bool on_left) {
  std::int64_t max_len = 0;
  for (const auto& s : seqs) max_len = std::max(max_len, s.size(0));
  auto out = torch::full({static_cast<std::int64_t>(seqs.size()), max_len}, pad, torch::kInt64);
  for (std::size_t i = 0; i < seqs.size(); ++i) {
    const auto len = seqs[i].size(0);
    const auto start = on_left ? max_len - len : 0;
    out[static_cast<std::int64_t>(i)].narrow(0, start, len).copy_(seqs[i]);
  }
  return out;
}

}  // namespace

Batch collate(const std::vector<torch::Tensor>& sequences, const CollateOptions& options) {
  std::vector<torch::Tensor> kept;
  for (const auto& s : sequences) {
    if (s.defined() && s.numel() > 0) kept.push_back(s.to(torch::kInt64));
  }
  Batch batch;
  if (kept.empty()) return batch;
  batch.input_ids = pad_stack(kept, options.pad_token_id, options.pad_on_left);
  if (options.copy_inputs_as_labels) {
    batch.labels = pad_stack(kept, options.labels_pad_idx, options.pad_on_left);
  }
  if (options.shift_labels) {
    batch.input_ids = batch.input_ids.narrow(1, 0, batch.input_ids.size(1) - 1);
    if (batch.labels.defined()) batch.labels = batch.labels.narrow(1, 1, batch.labels.size(1) - 1);
  }
  batch.attention_mask = (batch.input_ids != options.pad_token_id).to(torch::kInt32);
  return batch;
}

}  // namespace miditok::torch_data
