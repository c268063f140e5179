// Pads two sequences into a batch with miditok::torch (the libtorch adapters).
#include <iostream>

#include "miditok_torch/collate.h"

int main() {
  miditok::torch_data::CollateOptions options;
  options.pad_token_id = 0;
  options.copy_inputs_as_labels = true;
  const auto batch = miditok::torch_data::collate(
      {torch::tensor({5, 6, 7}, torch::kInt64), torch::tensor({8}, torch::kInt64)}, options);
  std::cout << "collate: input_ids " << batch.input_ids.sizes() << ", mask sum "
            << batch.attention_mask.sum().item<std::int64_t>() << '\n';
  return batch.input_ids.size(0) == 2 && batch.input_ids.size(1) == 3 ? 0 : 1;
}
