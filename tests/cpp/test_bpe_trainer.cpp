// Edge cases of the BPE trainer and model: empty corpus, too small vocab_size, single-char words,
// one huge word (linear-time path), merge order on a hand-checked example.
#include <gtest/gtest.h>

#include <chrono>
#include <random>

#include "miditok/core/error.h"
#include "miditok/models/bpe_trainer.h"
#include "miditok/models/hf_train.h"
#include "word_counts_util.h"

namespace miditok {
namespace {

WordCounts make(std::vector<std::pair<std::u32string, uint64_t>> items) {
  return test::make_word_counts(std::move(items));
}

TEST(BpeTrainer, EmptyCorpusKeepsAlphabet) {
  BpeTrainerConfig cfg;
  cfg.vocab_size = 100;
  cfg.initial_alphabet = {U'c', U'a', U'b'};
  cfg.special_tokens = {U"!"};
  const auto res = train_bpe(WordCounts{}, cfg);
  ASSERT_EQ(res.vocab.size(), 4U);
  EXPECT_EQ(res.vocab[0], U"!");
  EXPECT_EQ(res.vocab[1], U"a");  // alphabet sorted by code point after the special tokens
  EXPECT_EQ(res.vocab[3], U"c");
  EXPECT_TRUE(res.merges.empty());
}

TEST(BpeTrainer, ZeroVocabSizeIsConfigError) {
  BpeTrainerConfig cfg;
  cfg.vocab_size = 0;
  EXPECT_THROW(train_bpe(make({{U"ab", 1}}), cfg), ConfigError);
}

TEST(BpeTrainer, VocabSizeBelowBaseIsConfigError) {
  HfTrainOptions o;
  o.vocab_size = 50;
  o.base_vocab_size = 60;
  EXPECT_THROW(train_hf_tokenizer(WordCounts{}, o), ConfigError);
  o.vocab_size = 100;
  o.encode_ids_split = "track";
  EXPECT_THROW(train_hf_tokenizer(WordCounts{}, o), ConfigError);
  o.encode_ids_split = "bar";
  o.model = "Nope";
  EXPECT_THROW(train_hf_tokenizer(WordCounts{}, o), ConfigError);
}

TEST(BpeTrainer, SingleCharWordsMakeNoMerges) {
  BpeTrainerConfig cfg;
  cfg.vocab_size = 100;
  const auto res = train_bpe(make({{U"a", 5}, {U"b", 3}}), cfg);
  EXPECT_EQ(res.vocab.size(), 2U);
  EXPECT_TRUE(res.merges.empty());
}

TEST(BpeTrainer, MergeOrderAndTies) {
  // "ab" x3, "bc" x3: tie on count -> the smaller pair of ids (a,b) first; then "abc" built.
  BpeTrainerConfig cfg;
  cfg.vocab_size = 100;
  const auto res = train_bpe(make({{U"ab", 3}, {U"bc", 3}, {U"abc", 2}}), cfg);
  ASSERT_GE(res.merges.size(), 2U);
  EXPECT_EQ(res.vocab[res.merges[0].first], U"a");
  EXPECT_EQ(res.vocab[res.merges[0].second], U"b");
  EXPECT_EQ(res.vocab[3], U"ab");
  const BpeModel model = make_bpe_model(res, cfg);
  const auto ids = model.encode_word(U"abcab");
  ASSERT_FALSE(ids.empty());
  std::u32string back;
  for (auto id : ids) back += model.id_to_token(id);
  EXPECT_EQ(back, U"abcab");
  EXPECT_THROW((void)model.id_to_token(10000), TokenError);
}

TEST(BpeTrainer, RepeatedCharRunsMergeLeftToRight) {
  BpeTrainerConfig cfg;
  cfg.vocab_size = 3;
  const auto res = train_bpe(make({{U"aaaaa", 1}}), cfg);
  // a+a -> aa leaves [aa aa a]; (aa,aa) and (aa,a) tie at 1 -> the smaller ids (aa,a) win, as HF.
  ASSERT_EQ(res.merges.size(), 2U);
  EXPECT_EQ(res.vocab[1], U"aa");
  EXPECT_EQ(res.vocab[2], U"aaa");
}

// One huge word takes the indexed (non-quadratic) path and still round-trips through the model.
TEST(BpeTrainer, HugeWordTrainsAndRoundTrips) {
  std::mt19937 rng(3);
  std::u32string chunk;
  for (int i = 0; i < 60; ++i) chunk.push_back(U'a' + static_cast<char32_t>(rng() % 6));
  std::u32string huge;
  for (int i = 0; i < 4000; ++i) huge += chunk;  // 240k symbols, one word
  BpeTrainerConfig cfg;
  cfg.vocab_size = 200;
  const auto t0 = std::chrono::steady_clock::now();
  const auto res = train_bpe(make({{huge, 1}}), cfg);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_GT(res.merges.size(), 50U);
  EXPECT_LE(res.vocab.size(), 200U);
  // Encoding the huge word with the learned model reproduces it exactly.
  const BpeModel model = make_bpe_model(res, cfg);
  std::u32string back;
  for (auto id : model.encode_word(huge)) back += model.id_to_token(id);
  EXPECT_EQ(back, huge);
  RecordProperty("seconds", std::to_string(secs));
}

TEST(Text, MetaspaceAndWordCounting) {
  std::vector<std::u32string> out;
  metaspace_split(U"ab c", MetaspaceConfig{}, true, out);
  EXPECT_EQ(out, (std::vector<std::u32string>{U"\u2581ab", U"\u2581c"}));
  out.clear();
  metaspace_split(U"", MetaspaceConfig{}, true, out);
  EXPECT_TRUE(out.empty());
  // Base ids become chr(id + 33); each sequence is one word without Metaspace.
  const WordCounts wc = count_id_words({{0, 1}, {0, 1}, {2}}, false);
  ASSERT_EQ(wc.words.size(), 2U);
  EXPECT_EQ(wc.words[0], U"!\"");
  EXPECT_EQ(wc.counts[0], 2U);
  EXPECT_EQ(utf8_to_u32(u32_to_utf8(U"a\u2581\U0001F600")), U"a\u2581\U0001F600");
  EXPECT_THROW(utf8_to_u32("\xff"), TokenError);
}

TEST(BpeModel, UnknownCharsAreDroppedWithoutUnkToken) {
  BpeModel model({U"a", U"b", U"ab"}, {{0, 1}});
  EXPECT_EQ(model.encode_word(U"abxab"), (std::vector<uint32_t>{2, 2}));
  model.unk_token = U"a";
  EXPECT_EQ(model.encode_word(U"xab"), (std::vector<uint32_t>{0, 2}));
}

TEST(BpeModel, MergeBuildingMissingTokenIsTokenError) {
  EXPECT_THROW(BpeModel({U"a", U"b"}, {{0, 1}}), TokenError);
}

}  // namespace
}  // namespace miditok
