#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <vector>

#include "miditok/core/error.h"
#include "miditok/data/token_shard.h"

namespace {

std::string temp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() / name).string();
}

miditok::TokenSequences sample() {
  miditok::TokenSequences sequences;
  const std::vector<miditok::token_id_t> a{1, 2, 3}, b{}, c{7, 8};
  sequences.push_back(a);
  sequences.push_back(b);
  sequences.push_back(c);
  return sequences;
}

}  // namespace

TEST(TokenShard, RoundTripsSequences) {
  const auto path = temp_path("miditok_shard_roundtrip.bin");
  miditok::write_token_shard(path, sample());
  const auto loaded = miditok::read_token_shard(path);
  EXPECT_EQ(loaded, sample());
  ASSERT_EQ(loaded.size(), 3u);
  EXPECT_EQ(loaded[1].size(), 0u);
  EXPECT_EQ(loaded[2][1], 8);
}

TEST(TokenShard, DamagedFilesRaiseIoError) {
  const auto path = temp_path("miditok_shard_damaged.bin");
  miditok::write_token_shard(path, sample());
  std::string bytes;
  {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  for (std::size_t cut : {std::size_t{0}, std::size_t{5}, std::size_t{30}, bytes.size() - 2}) {
    std::ofstream(path, std::ios::binary | std::ios::trunc).write(bytes.data(), cut);
    EXPECT_THROW(miditok::read_token_shard(path), miditok::IoError) << "cut at " << cut;
  }
  std::string bad_magic = bytes;
  bad_magic[0] = 'X';
  std::ofstream(path, std::ios::binary | std::ios::trunc).write(bad_magic.data(), bad_magic.size());
  EXPECT_THROW(miditok::read_token_shard(path), miditok::IoError);
  EXPECT_THROW(miditok::read_token_shard(temp_path("does_not_exist.bin")), miditok::IoError);
}

TEST(TokenShard, FromBuffersValidatesOffsets) {
  EXPECT_THROW(miditok::TokenSequences::from_buffers({1, 2}, {0, 3}), miditok::TokenError);
  EXPECT_THROW(miditok::TokenSequences::from_buffers({1, 2}, {0, 2, 1, 2}), miditok::TokenError);
  EXPECT_NO_THROW(miditok::TokenSequences::from_buffers({1, 2}, {0, 1, 2}));
}
