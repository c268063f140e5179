// Tokenizer training: training strings per bar / sequence, errors on bad input, skipped files,
// and lossless encode / decode of the trained model.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "miditok/core/error.h"
#include "miditok/tokenizer/training.h"
#include "miditok/tokenizers/remi.h"
#include "synthetic_seq_util.h"

namespace miditok {
namespace {

using test::synthetic;

REMI make_remi(const std::string& split) {
  TokenizerConfig cfg;
  cfg.encode_ids_split = split;
  return REMI(cfg);
}

TEST(Training, StringsPerBarAndPerSequence) {
  const REMI bar = make_remi("bar");
  const std::vector<TokSequence> seqs{synthetic(bar, 3, 0), TokSequence{}};
  const auto per_bar = training_strings(bar, seqs);
  ASSERT_EQ(per_bar.size(), 3u);  // empty pieces are dropped
  for (const auto& s : per_bar) EXPECT_EQ(s.size(), 8u);
  EXPECT_EQ(per_bar[0][0], static_cast<char32_t>(seqs[0].ids[0] + 33));
  const REMI no = make_remi("no");
  const auto whole = training_strings(no, seqs);
  ASSERT_EQ(whole.size(), 2u);
  EXPECT_EQ(whole[0].size(), 24u);
  EXPECT_TRUE(whole[1].empty());
  EXPECT_EQ(training_strings(bar, std::vector<TokSequence>{}), std::vector<std::u32string>{U""});
}

TEST(Training, TrainEncodeDecodeRoundTrip) {
  for (const std::string split : {"bar", "beat", "no"}) {
    const REMI tok = make_remi(split);
    std::vector<TokSequence> seqs;
    for (int i = 0; i < 20; ++i) seqs.push_back(synthetic(tok, 4, i));
    for (auto& s : seqs) s.ticks_beats = s.ticks_bars;
    TrainingOptions o;
    o.vocab_size = tok.vocab_size() + 30;
    const HfTokenizer model =
        train_model(tok, count_training_strings(tok, training_strings(tok, seqs)), o);
    EXPECT_GT(model.vocab_size(), tok.vocab_size());
    auto encoded = seqs;
    encode_token_ids(tok, model, encoded);
    for (std::size_t i = 0; i < seqs.size(); ++i) {
      EXPECT_TRUE(encoded[i].are_ids_encoded);
      EXPECT_LT(encoded[i].ids.size(), seqs[i].ids.size()) << split;
      decode_token_ids(tok, model, encoded[i]);
      EXPECT_EQ(encoded[i].ids, seqs[i].ids) << split;
      EXPECT_EQ(encoded[i].tokens.size(), seqs[i].ids.size());
    }
  }
}

TEST(Training, BadInputs) {
  const REMI tok = make_remi("bar");
  TrainingOptions o;
  o.vocab_size = tok.vocab_size();
  const std::vector<TokSequence> seqs{synthetic(tok, 2, 0)};
  const auto words = count_training_strings(tok, training_strings(tok, seqs));
  EXPECT_THROW(train_model(tok, words, o), ConfigError);
  o.vocab_size = tok.vocab_size() + 10;
  EXPECT_THROW(train_model(tok, WordCounts{}, o), ConfigError);
  EXPECT_THROW(train_from_files(tok, {}, o), ConfigError);
  try {
    train_from_files(tok, {"/nonexistent/a.mid", "/nonexistent/b.mid"}, o);
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("2 unreadable"), std::string::npos) << e.what();
  }
}

TEST(Training, SkipsUnreadableFilesAndGoesOn) {
  const char* env = std::getenv("MIDITOK_CORPUS");
  const std::filesystem::path dir =
      std::filesystem::path(env ? env : MIDITOK_CORPUS_DIR) / "one_track";
  if (!std::filesystem::is_directory(dir)) GTEST_SKIP() << "no corpus at " << dir;
  std::vector<std::string> paths{"/nonexistent/a.mid"};
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.path().extension() == ".mid") paths.push_back(e.path().string());
  const REMI tok = make_remi("bar");
  TrainingOptions o;
  o.vocab_size = tok.vocab_size() + 100;
  std::size_t last = 0;
  const auto r = train_from_files(tok, paths, o, [&](std::size_t done) { last = done; });
  EXPECT_EQ(last, paths.size());
  ASSERT_EQ(r.skipped.size(), 1u);
  EXPECT_EQ(r.skipped[0].first, "/nonexistent/a.mid");
  EXPECT_EQ(r.files_used, paths.size() - 1);
  EXPECT_EQ(r.model.vocab_size(), o.vocab_size);
}

}  // namespace
}  // namespace miditok
