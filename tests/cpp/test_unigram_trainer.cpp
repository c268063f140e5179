// The Unigram trainer: HF's seed pieces on its own test sentences, EM results that fit the asked
// vocab with the special tokens first, required characters kept, and lossless encodes.
#include <gtest/gtest.h>

#include <cmath>

#include "miditok/core/error.h"
#include "miditok/models/hf_train.h"
#include "miditok/models/unigram_trainer.h"
#include "word_counts_util.h"

namespace miditok {
namespace {

WordCounts make(std::vector<std::pair<std::u32string, uint64_t>> items) {
  return test::make_word_counts(std::move(items));
}

TEST(UnigramTrainer, SeedPiecesAsHf) {
  // HF's test_unigram_chars: characters by count then code point, then "is " and "s ".
  const auto seeds = unigram_seed_pieces(make({{U"This is a", 1}, {U"こんにちは友達", 1}}), {});
  ASSERT_EQ(seeds.size(), 15U);
  EXPECT_EQ(seeds[0].first, U"s");
  EXPECT_EQ(seeds[2].first, U" ");
  EXPECT_EQ(seeds[3].first, U"達");
  EXPECT_EQ(seeds[13].first, U"is ");
  EXPECT_EQ(seeds[14].first, U"s ");
  EXPECT_NEAR(seeds[0].second, -2.5649493574615367, 1e-12);
  EXPECT_NEAR(seeds[3].second, -3.258096538021482, 1e-12);
  EXPECT_NEAR(seeds[13].second, -1.4663370687934272, 1e-12);
}

TEST(UnigramTrainer, SeedsRespectMaxPieceLength) {
  UnigramTrainerConfig cfg;
  cfg.max_piece_length = 3;
  for (const auto& [piece, score] : unigram_seed_pieces(make({{U"abcdabcdabcd", 2}}), cfg)) {
    EXPECT_LE(piece.size(), 3U);
    EXPECT_TRUE(std::isfinite(score));
  }
}

TEST(UnigramTrainer, VocabLayoutAndRoundTrip) {
  WordCounts wc = make({{U"abcabcabd", 5}, {U"abd", 3}, {U"cab", 2}, {U"dddd", 1}});
  UnigramTrainerConfig cfg;
  cfg.vocab_size = 12;
  cfg.special_tokens = {U"<s>", U"</s>"};
  cfg.unk_token = U"<unk>";
  cfg.initial_alphabet = {U'z'};
  const UnigramModel m = train_unigram(wc, cfg);
  ASSERT_LE(m.vocab_size(), 12U);
  EXPECT_EQ(m.vocab()[0].first, U"<unk>");  // unk not among the special tokens: placed first
  EXPECT_EQ(m.vocab()[1].first, U"<s>");
  EXPECT_EQ(m.unk_id(), 0U);
  for (const char32_t c : std::u32string(U"abcdz"))
    EXPECT_NE(m.find(std::u32string(1, c)), nullptr);
  for (std::size_t i = 4; i < m.vocab_size(); ++i)  // pieces sorted by decreasing score
    EXPECT_GE(m.vocab()[i - 1].second, m.vocab()[i].second);
  for (const auto& w : wc.words) {
    std::vector<uint32_t> ids;
    m.encode_word_into(w, ids);
    std::u32string back;
    for (const uint32_t id : ids) back += m.vocab()[id].first;
    EXPECT_EQ(back, w);
  }
}

TEST(UnigramTrainer, UnkAmongSpecialTokensKeepsItsId) {
  UnigramTrainerConfig cfg;
  cfg.vocab_size = 10;
  cfg.special_tokens = {U"<pad>", U"<unk>"};
  cfg.unk_token = U"<unk>";
  const UnigramModel m = train_unigram(make({{U"abab", 4}}), cfg);
  EXPECT_EQ(m.unk_id(), 1U);
  EXPECT_EQ(m.vocab()[1].first, U"<unk>");
}

TEST(UnigramTrainer, BadOptionsAreConfigErrors) {
  UnigramTrainerConfig cfg;
  cfg.vocab_size = 3;
  EXPECT_THROW(train_unigram(make({{U"abcdef", 1}}), cfg), ConfigError);  // 6 chars > 3
  cfg.vocab_size = 1;
  cfg.special_tokens = {U"<s>"};
  EXPECT_THROW(train_unigram(make({{U"a", 1}}), cfg), ConfigError);
  cfg.vocab_size = 100;
  cfg.shrinking_factor = 1.5;
  EXPECT_THROW(train_unigram(make({{U"a", 1}}), cfg), ConfigError);
}

TEST(UnigramTrainer, EmptyCorpusKeepsAlphabet) {
  UnigramTrainerConfig cfg;
  cfg.vocab_size = 10;
  cfg.initial_alphabet = {U'a', U'b'};
  const UnigramModel m = train_unigram(WordCounts{}, cfg);
  EXPECT_EQ(m.vocab_size(), 2U);
  for (const auto& [p, s] : m.vocab()) EXPECT_TRUE(std::isfinite(s));
}

TEST(UnigramTrainer, ReloadedUnigramTokensAreTheirSpecialTokens) {
  // A tokenizer trained with Unigram once, reloaded: base ids 0-4, the PAD "-unigram" token at
  // id 5. Training again gives the model of the first training: PAD alone as "!!!", and id 5's
  // character ("&") neither a special token nor in the alphabet.
  HfTrainOptions o;
  o.model = "Unigram";
  o.vocab_size = 20;
  o.base_vocab_size = 6;
  o.special_token_ids = {0};
  o.unigram_special_ids = {{5, 0}};
  const WordCounts words = make({{U"\"#$\"#$%", 3}, {U"#$#$", 2}});
  const HfTokenizer tok = train_hf_tokenizer(words, o);
  ASSERT_EQ(tok.added_tokens.size(), 1U);
  EXPECT_EQ(tok.added_tokens[0].content, U"!!!");
  EXPECT_EQ(tok.unigram.vocab()[0].first, U"!!!");
  EXPECT_EQ(tok.unigram.find(U"&"), nullptr);
  EXPECT_NE(tok.unigram.find(U"\""), nullptr);  // the other base characters stay required
  o.unigram_special_ids.clear();  // id 5 an ordinary base id: its character is required
  const HfTokenizer again = train_hf_tokenizer(words, o);
  EXPECT_NE(again.unigram.find(U"&"), nullptr);
  // Other models take the "-unigram" token as MidiTok does: its byte, "!" + "!" + "!".
  o.model = "BPE";
  o.unigram_special_ids = {{5, 0}};
  const HfTokenizer bpe = train_hf_tokenizer(words, o);
  ASSERT_EQ(bpe.added_tokens.size(), 2U);
  EXPECT_EQ(bpe.added_tokens[0].content, U"!");
  EXPECT_EQ(bpe.added_tokens[1].content, U"!!!");
}

}  // namespace
}  // namespace miditok
