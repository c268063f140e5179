#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "miditok/data/npy.h"
#include "miditok_torch/collate.h"
#include "miditok_torch/token_dataset.h"

namespace {

namespace fs = std::filesystem;

// A token store of the documents {5, 6, 7, 8, 9}, {5}, {} written by hand (as another program
// following the documented layout would write it).
std::string three_documents() {
  const fs::path dir = fs::temp_directory_path() / "miditok_torch_token_store";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::vector<std::uint8_t> ids{5, 6, 7, 8, 9, 5};
  const std::vector<std::int64_t> offsets{0, 5, 6, 6};
  std::ofstream(dir / "shard-000000.ids.npy", std::ios::binary)
      << miditok::npy_header("|u1", ids.size())
      << std::string(reinterpret_cast<const char*>(ids.data()), ids.size());
  std::ofstream(dir / "shard-000000.offsets.npy", std::ios::binary)
      << miditok::npy_header("<i8", offsets.size())
      << std::string(reinterpret_cast<const char*>(offsets.data()), offsets.size() * 8);
  std::ofstream(dir / "manifest.json")
      << R"({"format": "miditok-token-store", "version": 1, "tokenizer_hash": "test",
             "dtype": "|u1", "vocab_size": 10, "num_documents": 3, "num_tokens": 6,
             "shards": [{"ids": "shard-000000.ids.npy", "offsets": "shard-000000.offsets.npy",
                         "documents": 3, "tokens": 6}], "files": []})";
  return dir.string();
}

std::vector<std::int64_t> values(const torch::Tensor& t) {
  return {t.data_ptr<std::int64_t>(), t.data_ptr<std::int64_t>() + t.numel()};
}

}  // namespace

TEST(TokenStoreDataset, TruncatesAndAddsSpecialsLikeDatasetMIDI) {
  miditok::torch_data::TokenStoreDataset dataset(three_documents(), 4, 1, 2);
  EXPECT_EQ(dataset.size().value(), 3u);
  // Room for both specials is kept; a truncated sequence gets no EOS (miditok's rule).
  EXPECT_EQ(values(dataset.get(0)), (std::vector<std::int64_t>{1, 5, 6}));
  EXPECT_EQ(values(dataset.get(1)), (std::vector<std::int64_t>{1, 5, 2}));
  EXPECT_EQ(dataset.get(2).numel(), 0);
}

TEST(Collate, PadsMasksAndCopiesLabels) {
  miditok::torch_data::TokenStoreDataset dataset(three_documents(), 10);
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
  auto dataset = miditok::torch_data::TokenStoreDataset(three_documents(), 10);
  auto loader = torch::data::make_data_loader<torch::data::samplers::SequentialSampler>(
      std::move(dataset), torch::data::DataLoaderOptions().batch_size(2));
  std::size_t seen = 0;
  for (auto& examples : *loader) seen += examples.size();
  EXPECT_EQ(seen, 3u);
}
