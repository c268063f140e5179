// Collation of variable-length token tensors into a padded batch, as miditok's DataCollator does
// for the common options: right or left padding, attention mask, labels copied from the inputs
// (padded with labels_pad_idx) and optionally shifted for next-token prediction.
#pragma once

#include <torch/torch.h>

#include <vector>

namespace miditok::torch_data {

/// Options of collate(), named after DataCollator's parameters.
struct CollateOptions {
  std::int64_t pad_token_id = 0;
  bool pad_on_left = false;
  bool copy_inputs_as_labels = false;
  bool shift_labels = false;
  std::int64_t labels_pad_idx = -100;
};

/// A padded batch: input_ids and attention_mask (batch, time); labels when requested.
struct Batch {
  torch::Tensor input_ids;
  torch::Tensor attention_mask;
  torch::Tensor labels;  ///< undefined unless copy_inputs_as_labels
};

/// Pads 1-D int64 sequences into a batch; empty sequences are dropped, as DataCollator drops them.
Batch collate(const std::vector<torch::Tensor>& sequences, const CollateOptions& options = {});

}  // namespace miditok::torch_data
