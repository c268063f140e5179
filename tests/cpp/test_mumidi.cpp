// MuMIDI on hand-built scores: sub-vocabularies, the ragged rows (Bar / Position / Program rows
// shorter than note rows), the round trip, absent slots, and random ids that never crash.
#include <gtest/gtest.h>

#include <random>

#include "miditok/core/error.h"
#include "miditok/tokenizers/mumidi.h"

namespace miditok {
namespace {

using Rows = std::vector<std::vector<std::string>>;

Score two_tracks() {
  Score s;
  s.ticks_per_quarter = 8;
  Track piano, drums;
  piano.program = 0;
  piano.notes = {{0, 8, 60, 100}, {40, 4, 64, 90}};
  drums.is_drum = true;
  drums.notes = {{0, 2, 36, 80}};
  s.tracks = {drums, piano};
  s.tempos = {Tempo{0, 500000}};
  return s;
}

TEST(MuMIDI, SubVocabularies) {
  MuMIDI tok;
  ASSERT_EQ(tok.num_vocabs(), 5u);  // slot 0, BarPosEnc, PositionPosEnc, Velocity, Duration
  EXPECT_TRUE(tok.ragged_rows());
  EXPECT_EQ(tok.sub_vocabularies()[1].size(), 4u + 60u);           // BarPosEnc_0..59
  EXPECT_EQ(tok.sub_vocabularies()[2][4], "PositionPosEnc_None");  // after the 4 specials
  EXPECT_EQ(tok.vocab_types_idx().at("Duration"), 4u);
  EXPECT_TRUE(tok.config().use_programs && tok.config().one_token_stream_for_programs);
}

TEST(MuMIDI, RaggedRowsSortedByTimeThenProgram) {
  MuMIDI tok;
  auto seqs = tok.encode_compound(two_tracks());
  ASSERT_EQ(seqs.size(), 1u);
  const Rows expected{
      {"Bar_None", "BarPosEnc_0", "PositionPosEnc_None"},
      {"Position_0", "BarPosEnc_0", "PositionPosEnc_0"},
      {"Program_-1", "BarPosEnc_0", "PositionPosEnc_0"},
      {"PitchDrum_36", "BarPosEnc_0", "PositionPosEnc_0", "Velocity_79", "Duration_0.2.8"},
      {"Program_0", "BarPosEnc_0", "PositionPosEnc_0"},
      {"Pitch_60", "BarPosEnc_0", "PositionPosEnc_0", "Velocity_99", "Duration_1.0.8"},
      {"Bar_None", "BarPosEnc_1", "PositionPosEnc_None"},
      {"Position_8", "BarPosEnc_1", "PositionPosEnc_8"},
      {"Program_0", "BarPosEnc_1", "PositionPosEnc_8"},
      {"Pitch_64", "BarPosEnc_1", "PositionPosEnc_8", "Velocity_91", "Duration_0.4.8"},
  };
  EXPECT_EQ(tok.compound_ids_to_tokens(seqs[0]), expected);
  EXPECT_EQ(seqs[0].ids[3], CompoundSequence::kAbsentSlot);  // the Bar row has 3 slots
  EXPECT_EQ(tok.compound_tokens_to_ids(expected).ids, seqs[0].ids);
}

TEST(MuMIDI, RoundTrip) {
  MuMIDI tok;
  Score back = tok.decode_compound(tok.encode_compound(two_tracks()));
  ASSERT_EQ(back.tracks.size(), 2u);
  EXPECT_TRUE(back.tracks[0].is_drum);
  EXPECT_EQ(back.tracks[0].name, "Drums");
  ASSERT_EQ(back.tracks[1].notes.size(), 2u);
  EXPECT_EQ(back.tracks[1].notes[1].time, 40);
  EXPECT_EQ(back.tracks[1].notes[1].duration, 4);
  EXPECT_EQ(back.tempos.size(), 1u);
}

TEST(MuMIDI, BarLimitClips) {
  TokenizerConfig c;
  c.set_additional("max_bar_embedding", "1");
  c.finalize();
  MuMIDI tok(c);
  auto seqs = tok.encode_compound(two_tracks());
  EXPECT_EQ(seqs[0].size(), 6u);             // the note of bar 1 is clipped
  EXPECT_EQ(seqs[0].ticks_bars.size(), 2u);  // ticks of the unclipped score, as MidiTok
}

TEST(MuMIDI, PresentSlotAfterAnAbsentOneThrows) {
  MuMIDI tok;
  auto seqs = tok.encode_compound(two_tracks());
  seqs[0].ids[4] = 4;  // the Bar row's fifth slot, after its absent fourth
  EXPECT_THROW(tok.decode_compound(seqs), TokenError);
  EXPECT_THROW(tok.compound_ids_to_tokens(seqs[0]), TokenError);
  EXPECT_THROW(tok.compound_tokens_to_ids(Rows{{"Bar_None", "BarPosEnc_0", "PositionPosEnc_None",
                                                "Velocity_79", "Duration_0.2.8", "Bar_None"}}),
               TokenError);
}

TEST(MuMIDI, RandomIdsNeverCrash) {
  TokenizerConfig c;
  c.use_tempos = c.use_chords = true;
  c.finalize();
  MuMIDI tok(c);
  std::mt19937 rng(7);
  for (int trial = 0; trial < 200; ++trial) {
    CompoundSequence seq;
    seq.width = tok.num_vocabs();
    for (int r = 0; r < 30; ++r) {
      const std::size_t len = 1 + rng() % seq.width;
      for (std::size_t k = 0; k < seq.width; ++k)
        seq.ids.push_back(k < len
                              ? static_cast<token_id_t>(rng() % tok.sub_vocabularies()[k].size())
                              : CompoundSequence::kAbsentSlot);
    }
    EXPECT_NO_THROW(tok.decode_compound({seq}));
    EXPECT_NO_THROW(tok.compound_tokens_errors(tok.compound_ids_to_tokens(seq)));
  }
}

}  // namespace
}  // namespace miditok
