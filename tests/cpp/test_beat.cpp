// BEAT on hand-built scores: patterns, pitch intervals, drums, same-program tracks, globals on
// bar lines, overlap truncation, decoding, error counting, and random ids that never crash.
#include <gtest/gtest.h>

#include <random>

#include "miditok/core/error.h"
#include "miditok/tokenizers/beat.h"

namespace miditok {
namespace {

using Tokens = std::vector<std::string>;

TokSequence from_tokens(Tokens tokens) {
  TokSequence seq;
  seq.tokens = std::move(tokens);
  return seq;
}

Track make_track(int program, bool drum, std::initializer_list<Note> notes) {
  Track t;
  t.program = static_cast<std::uint8_t>(program);
  t.is_drum = drum;
  t.notes = notes;
  return t;
}

TokenizerConfig tempo_config() {
  TokenizerConfig c;
  c.use_tempos = true;
  c.finalize();
  return c;
}

TEST(Beat, ForcedConfigAndVocabulary) {
  TokenizerConfig c;
  c.use_rests = c.use_chords = c.use_pitch_bends = c.use_sustain_pedals = true;
  c.ac_polyphony_track = true;
  c.finalize();
  BEAT tok(c);
  EXPECT_TRUE(tok.config().use_programs && tok.config().one_token_stream_for_programs);
  EXPECT_FALSE(tok.config().use_rests || tok.config().use_chords || tok.config().use_pitch_bends);
  EXPECT_FALSE(tok.config().ac_polyphony_track);
  EXPECT_EQ(tok.config().max_num_pos_per_beat(), 4);
  EXPECT_EQ(BEAT().vocab_size(), 448u);  // MidiTok 3.1.0's default BEAT vocabulary
  EXPECT_EQ(tok.id_to_token(4), "Bar_None");
  EXPECT_TRUE(tok.has_token("Pattern_80") && !tok.has_token("Pattern_81"));
}

TEST(Beat, PatternsIntervalsDrumsAndTempoOnBar) {
  BEAT tok(tempo_config());
  Score s;
  s.ticks_per_quarter = 8;
  s.tracks.push_back(make_track(0, false, {{0, 6, 60, 100}, {0, 2, 67, 100}, {8, 12, 64, 80}}));
  s.tracks.push_back(make_track(0, true, {{4, 2, 36, 90}}));
  s.tempos.push_back(Tempo{12, 600000});  // mid-bar: moved to the next bar line
  auto seqs = tok.encode(s);
  ASSERT_EQ(seqs.size(), 1u);
  // At 4 ticks per quarter: 60 sounds steps 0-2 of beat 0 (onset, sustain, sustain, silence:
  // 1*27 + 2*9 + 2*3 = 51), 67 one step (27); 64 spans beats 1 and 2.
  EXPECT_EQ(seqs[0].tokens,
            (Tokens{"Bar_None",    "TimeSig_4/4", "Tempo_121.29", "Beat_None",    "Program_0",
                    "Pitch_67",    "Pattern_27",  "Velocity_99",  "Pitch_7",      "Pattern_51",
                    "Velocity_99", "Program_-1",  "PitchDrum_36", "Pattern_3",    "Velocity_91",
                    "Beat_None",   "Program_0",   "Pitch_64",     "Pattern_53",   "Velocity_79",
                    "Beat_None",   "Program_0",   "Pitch_64",     "Pattern_72",   "Velocity_79",
                    "Beat_None",   "Rest_None",   "Bar_None",     "Tempo_100.97", "Beat_None",
                    "Rest_None"}));
  EXPECT_EQ(seqs[0].ticks_bars, (std::vector<tick_t>{0, 16}));
  EXPECT_EQ(seqs[0].ticks_beats, (std::vector<tick_t>{0, 4, 8, 12, 16}));

  Score d = tok.decode(seqs);
  ASSERT_EQ(d.tracks.size(), 2u);
  EXPECT_EQ(d.tracks[0].notes,
            (std::vector<Note>{{0, 2, 67, 99}, {0, 6, 60, 99}, {8, 12, 64, 79}}));
  EXPECT_TRUE(d.tracks[1].is_drum);
  EXPECT_EQ(d.tracks[1].name, "Drums");
  ASSERT_EQ(d.tempos.size(), 2u);
  EXPECT_EQ(d.tempos[1].time, 32);
}

TEST(Beat, OverlapsTruncatedAndSameProgramTracksKept) {
  BEAT tok(tempo_config());
  Score s;
  s.ticks_per_quarter = 8;
  s.tracks.push_back(make_track(5, false, {{0, 16, 60, 64}, {4, 4, 60, 64}}));
  s.tracks.push_back(make_track(5, false, {{8, 2, 72, 64}}));
  Score pre = tok.preprocess_score(s);
  ASSERT_EQ(pre.tracks.size(), 2u);
  EXPECT_EQ(pre.tracks[0].notes, (std::vector<Note>{{0, 2, 60, 63}, {2, 2, 60, 63}}));
  auto seqs = tok.encode(s);
  EXPECT_EQ(seqs[0].tokens,
            (Tokens{"Bar_None", "TimeSig_4/4", "Tempo_121.29", "Beat_None", "Program_5", "Pitch_60",
                    "Pattern_50", "Velocity_63", "Program_5", "Rest_None", "Beat_None", "Program_5",
                    "Rest_None", "Program_5", "Pitch_72", "Pattern_27", "Velocity_63"}));
  Score d = tok.decode(seqs);
  ASSERT_EQ(d.tracks.size(), 2u);  // the second Program_5 block of each beat is its own track
  EXPECT_EQ(d.tracks[1].notes, (std::vector<Note>{{8, 2, 72, 63}}));
}

TEST(Beat, EncodeOnlyIdsMatchesTokens) {
  BEAT tok;
  Score s;
  s.ticks_per_quarter = 480;
  s.time_signatures.push_back(TimeSignature{0, 6, 8});
  s.tracks.push_back(make_track(24, false, {{0, 700, 50, 70}, {240, 960, 62, 90}}));
  auto with_tokens = tok.encode(s);
  auto ids_only = tok.encode(s, false, false);
  EXPECT_EQ(with_tokens[0].ids, ids_only[0].ids);
  EXPECT_EQ(with_tokens[0].events, ids_only[0].events);
  EXPECT_EQ(with_tokens[0].tokens[1], "TimeSig_6/8");
}

TEST(Beat, TokensErrors) {
  BEAT tok;
  EXPECT_EQ(tok.tokens_errors(
                from_tokens(Tokens{"Bar_None", "Beat_None", "Program_0", "Pitch_60", "Pattern_27",
                                   "Velocity_99", "Pitch_3", "Pattern_27", "Velocity_99"})),
            0.0);
  // An interval of 0 and a pitch below 0 are errors, as is Program right after Bar.
  TokSequence bad =
      from_tokens(Tokens{"Bar_None", "Program_0", "Pitch_60", "Pattern_27", "Velocity_99",
                         "Pitch_0", "Pattern_27", "Velocity_99", "Pitch_70", "Pattern_1"});
  EXPECT_DOUBLE_EQ(tok.tokens_errors(bad), 3.0 / 10.0);
}

TEST(Beat, RandomIdsNeverCrashTheDecoder) {
  BEAT tok(tempo_config());
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> id(0, static_cast<int>(tok.vocab_size()) - 1);
  for (int round = 0; round < 200; ++round) {
    TokSequence seq;
    for (int i = 0; i < 300; ++i) seq.ids.push_back(id(rng));
    Score d = tok.decode({seq});
    for (const auto& t : d.tracks)
      for (const auto& n : t.notes) EXPECT_GT(n.duration, 0);
  }
  TokSequence oov;
  oov.ids = {0, static_cast<token_id_t>(tok.vocab_size())};
  EXPECT_THROW(tok.decode({oov}), TokenError);
}

}  // namespace
}  // namespace miditok
