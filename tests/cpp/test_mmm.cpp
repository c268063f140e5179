// MMM and PerTok on hand-built scores: track framing and concatenation, per-track training
// splits, PerTok's TimeShift / MicroTiming tokens and round trip, configuration errors, and
// random ids that never crash the decoders.
#include <gtest/gtest.h>

#include <random>

#include "miditok/core/error.h"
#include "miditok/tokenizer/training.h"
#include "miditok/tokenizers/mmm.h"
#include "miditok/tokenizers/pertok.h"

namespace miditok {
namespace {

Score two_tracks(int tpq = 8) {
  Score s;
  s.ticks_per_quarter = tpq;
  Track a;
  a.program = 0;
  a.notes = {{0, 8, 60, 100}, {8, 8, 62, 100}};
  Track b;
  b.program = 33;
  b.notes = {{0, 16, 40, 90}};
  s.tracks = {a, b};
  return s;
}

TokenizerConfig mmm_config(const char* base) {
  TokenizerConfig c;
  c.set_additional("base_tokenizer", std::string("\"") + base + "\"");
  c.finalize();
  return c;
}

TEST(Mmm, TracksAreFramedAndConcatenated) {
  MMM tok(mmm_config("TSD"));
  EXPECT_TRUE(tok.one_token_stream());
  EXPECT_EQ(tok.base_tokenizer().class_name(), "TSD");
  auto seqs = tok.encode(two_tracks());
  ASSERT_EQ(seqs.size(), 1u);
  const auto& t = seqs[0].tokens;
  EXPECT_EQ(t.front(), "Track_Start");
  EXPECT_EQ(t[1], "Program_0");
  EXPECT_EQ(t.back(), "Track_End");
  const auto starts = tok.track_starts(seqs[0]);
  ASSERT_EQ(starts.size(), 2u);
  EXPECT_EQ(t[starts[1]], "Track_Start");
  EXPECT_EQ(t[starts[1] + 1], "Program_33");
  Score back = tok.decode(seqs);
  ASSERT_EQ(back.tracks.size(), 2u);
  EXPECT_EQ(back.tracks[1].program, 33);
  EXPECT_EQ(back.tracks[0].notes.size(), 2u);
}

TEST(Mmm, TrainingStringsArePerTrack) {
  MMM tok(mmm_config("REMI"));
  const auto strings = training_strings(tok, two_tracks());
  EXPECT_EQ(strings.size(), 2u);  // "bar" split is the default: one bar per track here
}

TEST(Mmm, ConfigErrors) {
  EXPECT_THROW(MMM{TokenizerConfig{}}, ConfigError);
  EXPECT_THROW(MMM{mmm_config("Octuple")}, ConfigError);
}

TokenizerConfig pertok_config(bool microtiming, bool positions) {
  TokenizerConfig c;
  c.beat_res = {{0, 16, 4}, {0, 8, 3}};
  c.use_time_signatures = true;
  c.set_additional("ticks_per_quarter", "12");
  c.set_additional("use_microtiming", microtiming ? "true" : "false");
  c.set_additional("max_microtiming_shift", "0.25");
  c.set_additional("num_microtiming_bins", "6");
  c.set_additional("use_position_toks", positions ? "true" : "false");
  c.finalize();
  return c;
}

TEST(PerTok, TimeShiftAndMicroTiming) {
  PerTok tok(pertok_config(true, false));
  Score s;
  s.ticks_per_quarter = 12;
  Track t;
  t.notes = {{0, 12, 60, 100}, {13, 4, 62, 100}};  // one tick late after a beat
  s.tracks = {t};
  auto seqs = tok.encode(s);
  ASSERT_EQ(seqs.size(), 1u);
  const auto& k = seqs[0].tokens;
  auto has = [&](const std::string& x) { return std::find(k.begin(), k.end(), x) != k.end(); };
  EXPECT_TRUE(has("TimeShift_1.0.12"));
  EXPECT_TRUE(has("MicroTiming_1"));
  Score back = tok.decode(seqs);
  ASSERT_EQ(back.tracks.size(), 1u);
  ASSERT_EQ(back.tracks[0].notes.size(), 2u);
  EXPECT_EQ(back.tracks[0].notes[1].time, 13);
  EXPECT_EQ(back.ticks_per_quarter, 12);
}

TEST(PerTok, ConfigErrors) {
  EXPECT_THROW(PerTok{TokenizerConfig{}}, ConfigError);
  TokenizerConfig c;
  c.set_additional("ticks_per_quarter", "12");
  c.set_additional("use_microtiming", "true");
  EXPECT_THROW(PerTok{c}, ConfigError);  // microtiming parameters missing
}

TEST(MmmPerTok, RandomIdsNeverCrash) {
  std::vector<std::unique_ptr<MusicTokenizer>> toks;
  for (const char* b : {"REMI", "TSD", "MIDILike"})
    toks.push_back(std::make_unique<MMM>(mmm_config(b)));
  toks.push_back(std::make_unique<PerTok>(pertok_config(true, false)));
  toks.push_back(std::make_unique<PerTok>(pertok_config(false, true)));
  std::mt19937 rng(7);
  for (const auto& tok : toks)
    for (int round = 0; round < 200; ++round) {
      TokSequence seq;
      std::uniform_int_distribution<int> id(0, static_cast<int>(tok->vocab_size()) - 1);
      for (int i = 0; i < 120; ++i) seq.ids.push_back(id(rng));
      EXPECT_NO_THROW(tok->decode({seq}));
      EXPECT_NO_THROW((void)tok->tokens_errors(seq));
    }
  TokSequence bad;
  bad.ids = {1, static_cast<token_id_t>(toks[0]->vocab_size() + 5)};
  EXPECT_THROW(toks[0]->decode({bad}), TokenError);
}

}  // namespace
}  // namespace miditok
