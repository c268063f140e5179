// The token store: .npy headers as numpy writes them, a store written on threads reads back the
// ids encode_files gives, appends add shards, and a damaged or foreign store raises IoError.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "midi_test_util.h"
#include "miditok/core/error.h"
#include "miditok/data/encode_files.h"
#include "miditok/data/npy.h"
#include "miditok/data/token_store.h"
#include "miditok/midi/midi_reader.h"
#include "miditok/tokenizers/remi.h"

namespace miditok {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> corpus_paths() {
  std::vector<std::string> out;
  for (const auto& p : test::corpus_midi_files()) out.push_back(p.string());
  return out;
}

TEST(Npy, HeaderIsNumpysLayout) {
  const std::string h = npy_header("<u2", 12);
  EXPECT_EQ(h.size() % 64, 0u);
  EXPECT_EQ(h.substr(0, 8), std::string("\x93NUMPY\x01\x00", 8));
  EXPECT_NE(h.find("{'descr': '<u2', 'fortran_order': False, 'shape': (12,), }"),
            std::string::npos);
  EXPECT_EQ(h.back(), '\n');
  const NpyHeader parsed = parse_npy_header(h, "x.npy");
  EXPECT_EQ(parsed.descr, "<u2");
  EXPECT_EQ(parsed.length, 12u);
  EXPECT_EQ(parsed.data_offset, h.size());
}

TEST(Npy, RejectsForeignHeaders) {
  EXPECT_THROW(parse_npy_header("not numpy", "x"), IoError);
  std::string two_d = npy_header("<u2", 3);
  two_d.replace(two_d.find("(3,)"), 4, "(3,4)");
  EXPECT_THROW(parse_npy_header(two_d, "x"), IoError);
  const std::string h = npy_header("<u2", 3);
  EXPECT_THROW(parse_npy_header(h.substr(0, 20), "x"), IoError);
}

TEST(TokenStore, ReadsBackTheIdsOfEncodeFilesAndAppends) {
  const auto paths = corpus_paths();
  if (paths.size() < 4) GTEST_SKIP() << "shared corpus missing";
  TokenizerConfig config;
  config.use_programs = true;
  const REMI remi{config};
  const fs::path dir = test::scratch_path("miditok_test_token_store");
  TokenStoreOptions o;
  o.shard_tokens = 2000;  // several shards
  o.files_per_round = 3;
  const std::vector<std::string> first(paths.begin(), paths.begin() + paths.size() / 2);
  const std::vector<std::string> second(paths.begin() + paths.size() / 2, paths.end());
  const TokenStoreReport r1 = tokenize_to_store(remi, nullptr, first, dir.string(), o);
  const TokenStoreReport r2 = tokenize_to_store(remi, nullptr, second, dir.string(), o);
  EXPECT_GT(r1.shards, 1u);
  const EncodeFilesResult expected = encode_files(remi, nullptr, paths);
  const TokenStore store(dir.string());
  EXPECT_EQ(store.dtype(), "<u2");
  EXPECT_EQ(store.size(), r1.documents + r2.documents);
  std::size_t doc = 0;
  for (std::size_t f = 0; f < paths.size(); ++f) {
    for (const auto& seq : expected.ids[f]) {
      const std::vector<std::int64_t> want(seq.begin(), seq.end());
      ASSERT_EQ(store.ids(doc), want) << paths[f];
      ++doc;
    }
  }
  EXPECT_EQ(doc, store.size());
  EXPECT_THROW((void)store.raw(store.size()), std::out_of_range);
}

// The Ray path's pieces: part stores written from bytes in memory, merged in order, equal the
// store tokenize_to_store writes from the paths (same documents, files and errors).
TEST(TokenStore, PartsFromBytesMergeIntoTheStoreOfThePaths) {
  auto paths = corpus_paths();
  if (paths.size() < 4) GTEST_SKIP() << "shared corpus missing";
  const REMI remi{TokenizerConfig{}};
  const fs::path parts_dir = test::scratch_path("miditok_test_token_store_parts");
  std::vector<std::string> contents;
  for (const auto& p : paths) contents.push_back(read_file_bytes(p));
  contents.emplace_back("MThd\x00garbage");
  paths.push_back("bad.mid");
  std::vector<std::string> parts;
  for (std::size_t start = 0; start < paths.size(); start += 5) {
    const std::size_t end = std::min(paths.size(), start + 5);
    std::vector<std::string_view> views(contents.begin() + start, contents.begin() + end);
    const std::vector<std::string> names(paths.begin() + start, paths.begin() + end);
    parts.push_back((parts_dir / ("part" + std::to_string(start))).string());
    tokenize_buffers_to_store(remi, nullptr, views, names, parts.back());
  }
  const fs::path merged = test::scratch_path("miditok_test_token_store_merged");
  const TokenStoreReport r = merge_token_stores(merged.string(), parts);
  EXPECT_EQ(r.files, paths.size());
  ASSERT_EQ(r.failed, 1u);
  EXPECT_EQ(r.errors.front().first, paths.size() - 1);
  const fs::path single = test::scratch_path("miditok_test_token_store_single");
  std::vector<std::string> good(paths.begin(), paths.end() - 1);
  tokenize_to_store(remi, nullptr, good, single.string());
  const TokenStore a(merged.string());
  const TokenStore b(single.string());
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t d = 0; d < a.size(); ++d) ASSERT_EQ(a.ids(d), b.ids(d)) << d;
  EXPECT_TRUE(fs::exists(merged / "shard-000000.ids.npy"));
  // Another tokenizer's part is refused, and the store is left as it was.
  const fs::path other = test::scratch_path("miditok_test_token_store_other");
  TokenizerConfig programs;
  programs.use_programs = true;
  tokenize_to_store(REMI{programs}, nullptr, {good.front()}, other.string());
  EXPECT_THROW(merge_token_stores(merged.string(), {other.string()}), ConfigError);
  EXPECT_EQ(TokenStore(merged.string()).size(), a.size());
}

TEST(TokenStore, ItemCutsAndAddsSpecialsLikeDatasetJson) {
  const auto paths = corpus_paths();
  if (paths.empty()) GTEST_SKIP() << "shared corpus missing";
  const REMI remi{TokenizerConfig{}};
  const fs::path dir = test::scratch_path("miditok_test_token_store_item");
  tokenize_to_store(remi, nullptr, {paths.front()}, dir.string());
  const TokenStore store(dir.string());
  const auto ids = store.ids(0);
  ASSERT_GT(ids.size(), 10u);
  auto cut = store.item(0, 5, 1, 2);
  EXPECT_EQ(cut, (std::vector<std::int64_t>{1, ids[0], ids[1], ids[2]}));  // room kept for EOS
  auto whole = store.item(0, ids.size() + 2, 1, 2);
  EXPECT_EQ(whole.size(), ids.size() + 2);
  EXPECT_EQ(whole.back(), 2);
}

TEST(TokenStore, DamagedOrForeignStoresRaiseIoError) {
  const auto paths = corpus_paths();
  if (paths.empty()) GTEST_SKIP() << "shared corpus missing";
  const REMI remi{TokenizerConfig{}};
  const fs::path dir = test::scratch_path("miditok_test_token_store_damaged");
  tokenize_to_store(remi, nullptr, {paths.front()}, dir.string());
  const fs::path ids = dir / "shard-000000.ids.npy";
  const auto size = fs::file_size(ids);
  fs::resize_file(ids, size - 1);  // truncated
  EXPECT_THROW(TokenStore{dir.string()}, IoError);
  fs::resize_file(ids, size + 2);  // too long
  EXPECT_THROW(TokenStore{dir.string()}, IoError);
  fs::remove(ids);
  EXPECT_THROW(TokenStore{dir.string()}, IoError);
  std::ofstream(dir / "manifest.json") << R"({"format": "something-else", "version": 1})";
  EXPECT_THROW(TokenStore{dir.string()}, IoError);
  EXPECT_THROW(TokenStore{(dir / "missing").string()}, IoError);
}

TEST(TokenStore, AppendingWithAnotherTokenizerIsRefused) {
  const auto paths = corpus_paths();
  if (paths.empty()) GTEST_SKIP() << "shared corpus missing";
  const fs::path dir = test::scratch_path("miditok_test_token_store_other");
  tokenize_to_store(REMI{TokenizerConfig{}}, nullptr, {paths.front()}, dir.string());
  TokenizerConfig config;
  config.use_programs = true;
  EXPECT_THROW(tokenize_to_store(REMI{config}, nullptr, {paths.front()}, dir.string()),
               ConfigError);
}

TEST(TokenStore, FailedFilesAreReportedNotStored) {
  const auto paths = corpus_paths();
  if (paths.empty()) GTEST_SKIP() << "shared corpus missing";
  const fs::path dir = test::scratch_path("miditok_test_token_store_failed");
  const REMI remi{TokenizerConfig{}};
  const TokenStoreReport r =
      tokenize_to_store(remi, nullptr, {paths.front(), "/nonexistent.mid"}, dir.string());
  EXPECT_EQ(r.failed, 1u);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].first, 1u);
  EXPECT_EQ(TokenStore(dir.string()).size(), r.documents);
}

}  // namespace
}  // namespace miditok
