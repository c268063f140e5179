// Token files and batch encoding: MidiTok's JSON layout, output paths, name claims when files
// are not overwritten, file order by size, and failures reported per file.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "midi_test_util.h"
#include "miditok/core/error.h"
#include "miditok/data/encode_files.h"
#include "miditok/data/token_files.h"
#include "miditok/tokenizers/remi.h"

namespace miditok {
namespace {

namespace fs = std::filesystem;
using test::fresh_dir;
using test::read_text;

void write_bytes(const fs::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

TokSequence seq(std::vector<token_id_t> ids, bool encoded = false) {
  TokSequence s;
  s.ids = std::move(ids);
  s.are_ids_encoded = encoded;
  return s;
}

TEST(TokenFiles, JsonLayoutIsPythonJsonDump) {
  EXPECT_EQ(token_file_json({seq({1, 22, 333})}, true),
            R"({"ids": [1, 22, 333], "ids_encoded": false})");
  EXPECT_EQ(token_file_json({seq({}, true)}, true), R"({"ids": [], "ids_encoded": true})");
  const std::vector<std::pair<int, bool>> programs{{0, false}, {-1, true}};
  EXPECT_EQ(
      token_file_json({seq({4}), seq({})}, false, &programs),
      R"({"ids": [[4], []], "ids_encoded": [false, false], "programs": [[0, false], [-1, true]]})");
  EXPECT_EQ(token_file_json({}, false), R"({"ids": []})");  // no tracks: no ids_encoded
}

TEST(TokenFiles, OutputPathKeepsFoldersUnderTheRoot) {
  const fs::path root = fresh_dir("miditok_token_files_paths");
  fs::create_directories(root / "a" / "b");
  EXPECT_EQ(token_file_path((root / "a" / "b" / "x.y.mid").string(), root, "/out"),
            fs::path("/out/a/b/x.y.json"));
  EXPECT_EQ(token_file_path((root / "song.MID").string(), root, "/out"),
            fs::path("/out/song.json"));
  EXPECT_THROW(token_file_path("/elsewhere/x.mid", root, "/out"), IoError);
}

TEST(TokenFiles, BatchPathsResolveAsTokenFilePathWithSymlinks) {
  const fs::path root = fresh_dir("miditok_token_files_links");
  fs::create_directories(root / "real" / "deep");
  fs::create_directories(root / "other");
  write_bytes(root / "real" / "deep" / "a.mid", "x");
  fs::create_directory_symlink(root / "real", root / "alias");  // a linked folder
  fs::create_symlink(root / "real" / "deep" / "a.mid", root / "other" / "b.mid");  // a linked file
  const std::vector<std::string> sources{
      (root / "alias" / "deep" / "a.mid").string(), (root / "other" / "b.mid").string(),
      (root / "real" / "deep" / "a.mid").string(), (root / "other" / "missing.mid").string(),
      (root / "alias" / "deep" / ".." / "deep" / "a.mid").string()};
  TokenFilePaths batch;
  for (int pass = 0; pass < 2; ++pass) {  // the second pass reads the cached folders
    for (const std::string& source : sources) {
      EXPECT_EQ(batch(source, root, "/out"), token_file_path(source, root, "/out")) << source;
      EXPECT_EQ(batch.resolved(source), fs::weakly_canonical(fs::absolute(source))) << source;
    }
  }
  // The linked file goes where its target is, under its own name.
  EXPECT_EQ(batch(sources[1], root, "/out"), fs::path("/out/real/deep/b.json"));
  EXPECT_EQ(batch(sources[0], root, "/out"), fs::path("/out/real/deep/a.json"));
}

TEST(TokenFiles, RewritesIntoAFreshDirectoryAndAnExistingOne) {
  const auto corpus = test::corpus_midi_files();
  if (corpus.empty()) GTEST_SKIP() << "shared corpus missing";
  const fs::path dir = fresh_dir("miditok_token_files_fresh");
  fs::create_directories(dir / "in");
  fs::copy_file(corpus[0], dir / "in" / "one.mid");
  const std::vector<std::string> paths{(dir / "in" / "one.mid").string()};
  const REMI remi{TokenizerConfig{}};
  const auto expected = token_file_json(remi.encode(read_music_file(paths[0])), false);
  TokenFilesOptions options;
  options.root_dir = dir / "in";
  options.out_dir = dir / "out";
  fs::create_directories(dir / "out");
  // Run 0 writes into an empty (fresh) directory, without a stat per file; run 1 rewrites.
  for (int run = 0; run < 2; ++run) {
    const TokenFilesResult r = write_token_files(remi, nullptr, paths, {}, options, 1);
    EXPECT_TRUE(r.errors[0].empty()) << r.errors[0];
    EXPECT_EQ(read_text(dir / "out" / "one.json"), expected);
  }
  std::size_t entries = 0;  // no temporary or spare file left behind
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir / "out")) ++entries;
  EXPECT_EQ(entries, 1u);
}

TEST(TokenFiles, WritesFilesReportsFailuresAndNeverOverwritesWhenAsked) {
  const auto corpus = test::corpus_midi_files();
  if (corpus.size() < 2) GTEST_SKIP() << "shared corpus missing";
  const fs::path dir = fresh_dir("miditok_token_files_write");
  fs::create_directories(dir / "in" / "sub");
  fs::copy_file(corpus[0], dir / "in" / "one.mid");
  fs::copy_file(corpus[1], dir / "in" / "sub" / "two.mid");
  write_bytes(dir / "in" / "bad.mid", "MThd garbage");
  const std::vector<std::string> paths{(dir / "in" / "one.mid").string(),
                                       (dir / "in" / "bad.mid").string(),
                                       (dir / "in" / "sub" / "two.mid").string()};
  const REMI remi{TokenizerConfig{}};
  TokenFilesOptions options;
  options.root_dir = dir / "in";
  options.out_dir = dir / "out";
  options.overwrite = false;
  std::atomic<std::size_t> done{0};
  for (int run = 0; run < 2; ++run) {
    const TokenFilesResult r = write_token_files(remi, nullptr, paths, {}, options, 2, &done);
    EXPECT_TRUE(r.errors[0].empty()) << r.errors[0];
    EXPECT_FALSE(r.errors[1].empty());
    EXPECT_TRUE(r.written[1].empty());
    EXPECT_TRUE(r.errors[2].empty()) << r.errors[2];
    const std::string suffix = run == 0 ? "" : "_1";
    EXPECT_EQ(r.written[0], (dir / "out" / ("one" + suffix + ".json")).string());
    EXPECT_EQ(r.written[2], (dir / "out" / "sub" / ("two" + suffix + ".json")).string());
  }
  EXPECT_EQ(done.load(), 6u);
  EXPECT_EQ(read_text(dir / "out" / "one.json"), read_text(dir / "out" / "one_1.json"));
  const auto expected = token_file_json(remi.encode(read_music_file(paths[0])), false);
  EXPECT_EQ(read_text(dir / "out" / "one.json"), expected);
}

TEST(EncodeFiles, LargestFirstAndResultsInInputOrder) {
  const fs::path dir = fresh_dir("miditok_encode_files_order");
  write_bytes(dir / "small", "ab");
  write_bytes(dir / "large", std::string(100, 'x'));
  const std::vector<std::string> paths{(dir / "small").string(), (dir / "missing").string(),
                                       (dir / "large").string()};
  EXPECT_EQ(largest_first(paths), (std::vector<std::size_t>{2, 0, 1}));

  const auto corpus = test::corpus_midi_files();
  if (corpus.empty()) GTEST_SKIP() << "shared corpus missing";
  const REMI remi{TokenizerConfig{}};
  const std::vector<std::string> files{corpus.front().string(), paths[1], corpus.back().string()};
  const EncodeFilesResult r = encode_files(remi, nullptr, files, 2);
  ASSERT_EQ(r.ok, (std::vector<char>{1, 0, 1}));
  EXPECT_NE(r.errors[1].find("missing"), std::string::npos) << r.errors[1];
  for (std::size_t i : {std::size_t{0}, std::size_t{2}}) {
    const auto seqs = remi.encode(read_music_file(files[i]));
    ASSERT_EQ(r.ids[i].size(), seqs.size());
    for (std::size_t s = 0; s < seqs.size(); ++s) EXPECT_EQ(r.ids[i][s], seqs[s].ids);
  }
}

TEST(EncodeFiles, AbcExtension) {
  EXPECT_TRUE(is_abc_path("a/tune.abc"));
  EXPECT_TRUE(is_abc_path("TUNE.ABC"));
  EXPECT_FALSE(is_abc_path("tune.Abc"));
  EXPECT_FALSE(is_abc_path("abc"));
  EXPECT_FALSE(is_abc_path("x.mid"));
}

}  // namespace
}  // namespace miditok
