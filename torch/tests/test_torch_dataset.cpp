#include <gtest/gtest.h>

#include <vector>

#include "miditok_torch/collate.h"
#include "miditok_torch/token_dataset.h"

namespace {

miditok::TokenSequences three_sequences() {
  miditok::TokenSequences sequences;
  const std::vector<miditok::token_id_t> a{5, 6, 7, 8, 9}, b{5}, c{};
  sequences.push_back(a);
  sequences.push_back(b);
  sequences.push_back(c);
  return sequences;
}

std::vector<std::int64_t> values(const torch::Tensor& t) {
  return {t.data_ptr<std::int64_t>(), t.data_ptr<std::int64_t>() + t.numel()};
}

}  // namespace

TEST(TokenShardDataset, TruncatesAndAddsSpecialsLikeDatasetMIDI) {
  miditok::torch_data::TokenShardDataset dataset(three_sequences(), 4, 1, 2);
  EXPECT_EQ(dataset.size().value(), 3u);
  // Room for both specials is kept; a truncated sequence gets no EOS (miditok's rule).
  EXPECT_EQ(values(dataset.get(0)), (std::vector<std::int64_t>{1, 5, 6}));
  EXPECT_EQ(values(dataset.get(1)), (std::vector<std::int64_t>{1, 5, 2}));
  EXPECT_EQ(dataset.get(2).numel(), 0);
}

TEST(Collate, PadsMasksAndCopiesLabels) {
  miditok::torch_data::TokenShardDataset dataset(three_sequences(), 10);
  miditok::torch_data::CollateOptions options;
  options.copy_inputs_as_labels = true;
  const auto batch =
      miditok::torch_data::collate({dataset.get(0), dataset.get(1), dataset.get(2)}, options);
  ASSERT_EQ(batch.input_ids.size(0), 2);  // the empty sequence is dropped
  EXPECT_EQ(values(batch.input_ids.reshape({-1})),
            (std::vector<std::int64_t>{5, 6, 7, 8, 9, 5, 0, 0, 0, 0}));
  EXPECT_EQ(batch.attention_mask.sum().item<int>(), 6);
  EXPECT_EQ(batch.labels[1][1].item<std::int64_t>(), -100);
}

TEST(Collate, TorchDataLoaderIteratesEverySample) {
  auto dataset = miditok::torch_data::TokenShardDataset(three_sequences(), 10);
  auto loader = torch::data::make_data_loader<torch::data::samplers::SequentialSampler>(
      std::move(dataset), torch::data::DataLoaderOptions().batch_size(2));
  std::size_t seen = 0;
  for (auto& examples : *loader) seen += examples.size();
  EXPECT_EQ(seen, 3u);
}
