// REMI vocabularies: MidiTok's sizes, order and token strings for a few configurations.
#include <gtest/gtest.h>

#include <algorithm>

#include "miditok/core/error.h"
#include "miditok/tokenizers/remi.h"

namespace miditok {
namespace {

TEST(Vocabulary, DefaultRemi) {
  REMI tok;
  // 4 specials + Bar + 89 pitches + 32 velocities + 64 durations + 96 positions (TS on) +
  // 62 PitchDrum + 9 TimeSig.
  EXPECT_EQ(tok.vocab_size(), 4u + 1 + 89 + 32 + 64 + 96 + 62 + 9);
  EXPECT_EQ(tok.id_to_token(0), "PAD_None");
  EXPECT_EQ(tok.id_to_token(4), "Bar_None");
  EXPECT_EQ(tok.id_to_token(5), "Pitch_21");
  EXPECT_EQ(tok.token_to_id("Velocity_3"), 5 + 89);
  EXPECT_TRUE(tok.has_token("Duration_1.4.8"));
  EXPECT_TRUE(tok.has_token("Duration_12.0.4"));
  EXPECT_TRUE(tok.has_token("TimeSig_6/8"));
  EXPECT_EQ(tok.time_division(), 16);
  EXPECT_THROW(tok.token_to_id("Pitch_500"), TokenError);
  EXPECT_THROW(tok.id_to_token(100000), TokenError);
  EXPECT_EQ(tok.id_to_byte()[0], U'!');
}

TEST(Vocabulary, AdditionalTokensOrderAndFormat) {
  TokenizerConfig c;
  c.use_tempos = true;
  c.use_programs = true;
  c.use_rests = true;
  c.use_chords = true;
  c.use_pitch_bends = true;
  c.use_sustain_pedals = true;
  c.finalize();
  REMI tok(c);
  auto pos = [&](const std::string& t) { return tok.token_to_id(t); };
  EXPECT_LT(pos("Position_0"), pos("PitchDrum_27"));
  EXPECT_LT(pos("PitchDrum_88"), pos("Chord_min"));
  EXPECT_LT(pos("Chord_9min"), pos("Rest_0.1.8"));
  EXPECT_LT(pos("Rest_12.0.2"), pos("Tempo_40.0"));
  EXPECT_LT(pos("Tempo_250.0"), pos("Program_0"));
  EXPECT_EQ(pos("Program_-1"), pos("Program_127") + 1);  // CPython set order
  EXPECT_LT(pos("Program_-1"), pos("TimeSig_3/8"));
  EXPECT_LT(pos("TimeSig_4/4"), pos("Pedal_0"));
  EXPECT_LT(pos("PedalOff_-1"), pos("PitchBend_-8192"));
  EXPECT_TRUE(tok.has_token("Tempo_46.77"));
  EXPECT_TRUE(tok.has_token("PitchBend_-7664"));
  EXPECT_NEAR(tok.default_tempo(), 121.29, 1e-9);
}

TEST(Vocabulary, MaxBarEmbeddingAndBarEnd) {
  TokenizerConfig c;
  c.set_additional("use_bar_end_tokens", "true");
  c.finalize();
  REMI tok(c, 5);
  EXPECT_EQ(tok.id_to_token(4), "Bar_0");
  EXPECT_EQ(tok.id_to_token(8), "Bar_4");
  EXPECT_EQ(tok.id_to_token(9), "Bar_End");
  EXPECT_FALSE(tok.has_token("Bar_None"));
}

}  // namespace
}  // namespace miditok
