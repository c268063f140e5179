// REMI encode / decode on hand-built scores: tokens, round trips, numbered bars, bad ids.
#include <gtest/gtest.h>

#include <random>

#include "miditok/core/error.h"
#include "miditok/tokenizers/registry.h"
#include "miditok/tokenizers/remi.h"

namespace miditok {
namespace {

Score one_track(std::initializer_list<Note> notes, int tpq = 8) {
  Score s;
  s.ticks_per_quarter = tpq;
  Track t;
  t.notes = notes;
  s.tracks.push_back(t);
  return s;
}

TEST(Remi, EncodesBarsPositionsNotes) {
  REMI tok;
  auto seqs = tok.encode(one_track({{0, 8, 60, 100}, {36, 4, 64, 90}}));
  ASSERT_EQ(seqs.size(), 1u);
  EXPECT_EQ(seqs[0].tokens,
            (std::vector<std::string>{"Bar_None", "TimeSig_4/4", "Position_0", "Pitch_60",
                                      "Velocity_99", "Duration_1.0.8", "Bar_None", "TimeSig_4/4",
                                      "Position_4", "Pitch_64", "Velocity_91", "Duration_0.4.8"}));
  EXPECT_EQ(seqs[0].ids.size(), seqs[0].tokens.size());
}

TEST(Remi, RoundTripOfAPreprocessedScore) {
  TokenizerConfig c;
  c.use_programs = true;
  c.use_tempos = true;
  c.use_time_signatures = false;  // decoded at time_division == the preprocessed tpq
  c.finalize();
  REMI tok(c);
  Score s = one_track({{0, 8, 60, 99}, {8, 4, 62, 91}, {40, 16, 67, 63}});
  s.tracks[0].program = 5;
  Score pre = tok.preprocess_score(s);
  auto seqs = tok.encode(pre, true);
  Score dec = tok.decode(seqs);
  ASSERT_EQ(dec.tracks.size(), 1u);
  EXPECT_EQ(dec.tracks[0].program, 5);
  EXPECT_EQ(dec.tracks[0].notes, pre.tracks[0].notes);
  EXPECT_EQ(tok.tokens_errors(seqs[0]), 0.0);
}

TEST(Remi, NumberedBarsAreSequentialAndDecoded) {
  TokenizerConfig c;
  c.use_time_signatures = false;
  c.finalize();
  REMI tok(c, 10);
  auto seqs = tok.encode(one_track({{0, 8, 60, 100}, {96, 8, 60, 100}}));
  std::vector<std::string> bars;
  for (const auto& t : seqs[0].tokens)
    if (t.rfind("Bar_", 0) == 0) bars.push_back(t);
  EXPECT_EQ(bars, (std::vector<std::string>{"Bar_0", "Bar_1", "Bar_2", "Bar_3"}));
  Score dec = tok.decode(seqs);
  ASSERT_EQ(dec.tracks[0].notes.size(), 2u);
  EXPECT_EQ(dec.tracks[0].notes[1].time, 96);
  EXPECT_THROW(tok.encode(one_track({{0, 8, 60, 100}, {8 * 4 * 12, 8, 60, 100}})), TokenError);
}

TEST(Remi, BadIdsThrowAndRandomIdsNeverCrash) {
  REMI tok;
  TokSequence bad;
  bad.ids = {4, 999999};
  EXPECT_THROW(tok.decode({bad}), TokenError);
  std::mt19937 rng(1);
  for (int k = 0; k < 300; ++k) {
    TokSequence s;
    std::uniform_int_distribution<int> id(0, static_cast<int>(tok.vocab_size()) - 1);
    for (int i = 0; i < 60; ++i) s.ids.push_back(id(rng));
    EXPECT_NO_THROW(tok.decode({s}));
  }
}

TEST(Remi, ParamsJsonRoundTrip) {
  TokenizerConfig c;
  c.use_chords = true;
  c.use_programs = true;
  c.num_velocities = 16;
  c.finalize();
  REMI tok(c);
  register_builtin_tokenizers();
  auto back = MusicTokenizer::from_json(tok.to_json());
  EXPECT_EQ(*back, tok);
  EXPECT_THROW(MusicTokenizer::from_json("{\"tokenization\": \"Nope\"}"), ConfigError);
  EXPECT_THROW(MusicTokenizer::from_json("[1, 2]"), ConfigError);
}

}  // namespace
}  // namespace miditok
