// DatasetMIDI's tokenization in C++: cutting, BOS/EOS, and the random attribute controls of
// pre-tokenization (drawn from a per-file seed on the preprocessed score).
#include <gtest/gtest.h>

#include "ac_test_util.h"
#include "miditok/core/error.h"
#include "miditok/data/dataset_tokenize.h"
#include "miditok/tokenizers/remi.h"

namespace miditok {
using test::ac_config;
using test::two_bars;

TEST(DatasetTokenize, CutsAndAddsSpecials) {
  std::vector<token_id_t> ids{5, 6, 7, 8};
  // Room for 4 - 2 ids (as MidiTok, the EOS slot is kept even when the cut drops the EOS)
  cut_and_add_specials(ids, 4, 1, 2);
  EXPECT_EQ(ids, (std::vector<token_id_t>{1, 5, 6}));
  ids = {5, 6};
  cut_and_add_specials(ids, 4, 1, 2);
  EXPECT_EQ(ids, (std::vector<token_id_t>{1, 5, 6, 2}));
}

TEST(DatasetTokenize, RandomControlsAtRatioOneAreEveryControlOnEveryBar) {
  REMI tok(ac_config());
  DatasetTokenizeOptions options;
  options.max_seq_len = 1000;
  options.ac_tracks_ratio = RatioRange{1.0, 1.0};
  options.ac_bars_ratio = RatioRange{1.0, 1.0};
  TokenSequences with_acs;
  tokenize_score_for_dataset(tok, two_bars(), options, with_acs, 42);
  const Score pre = tok.preprocess_score(two_bars());
  const AcIndexes every = {{0, {{1, {}}, {0, {0, 1}}}}};
  const auto expected = tok.encode(pre, true, true, every);
  ASSERT_EQ(with_acs.size(), 1u);
  const auto got = with_acs[0];
  EXPECT_EQ(std::vector<token_id_t>(got.begin(), got.end()), expected[0].ids);

  // Without ratios: the plain encoding; other seeds at ratio 1: the same controls
  TokenSequences plain;
  tokenize_score_for_dataset(tok, two_bars(), DatasetTokenizeOptions{}, plain);
  EXPECT_EQ(plain[0].size() + 5, got.size());  // 2 track + 3 bar control tokens
  TokenSequences other;
  tokenize_score_for_dataset(tok, two_bars(), options, other, 7);
  EXPECT_EQ(other, with_acs);
}

TEST(DatasetTokenize, RandomControlsNeedOneSeedPerFile) {
  REMI tok(ac_config());
  DatasetTokenizeOptions options;
  options.ac_bars_ratio = RatioRange{0.5, 0.5};
  options.ac_seeds = {1};
  EXPECT_THROW(tokenize_files_for_dataset(tok, {"a.mid", "b.mid"}, options, 1), ConfigError);
  options.ac_seeds = {1, 2};  // unreadable files: reported, not thrown
  const auto r =
      tokenize_files_for_dataset(tok, {"/nonexistent/a.mid", "/nonexistent/b.mid"}, options, 1);
  EXPECT_FALSE(r.errors[0].empty());
  EXPECT_EQ(r.samples.size(), 0u);
}

}  // namespace miditok
