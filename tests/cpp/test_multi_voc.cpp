// The multi-vocabulary core with Octuple and CPWord on hand-built scores: sub-vocabularies,
// compound rows, round trips, out-of-vocabulary ids naming their position, and random compound
// ids that never crash the decoders.
#include <gtest/gtest.h>

#include <random>

#include "miditok/core/error.h"
#include "miditok/tokenizers/cp_word.h"
#include "miditok/tokenizers/octuple.h"

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

std::vector<std::string> row(const MultiVocTokenizer& tok, const CompoundSequence& s,
                             std::size_t r) {
  CompoundSequence one;
  one.width = s.width;
  one.ids.assign(s.ids.begin() + static_cast<std::ptrdiff_t>(r * s.width),
                 s.ids.begin() + static_cast<std::ptrdiff_t>((r + 1) * s.width));
  return tok.compound_ids_to_tokens(one)[0];
}

TEST(Octuple, SubVocabulariesStartWithSpecialTokens) {
  Octuple tok;
  ASSERT_EQ(tok.num_vocabs(), 6u);  // Pitch Position Bar Velocity Duration TimeSig
  for (const auto& sub : tok.sub_vocabularies()) EXPECT_EQ(sub[0], "PAD_None");
  EXPECT_EQ(tok.sub_vocabularies()[2].size(), 4u + 60u);  // Bar_0..Bar_59
  EXPECT_EQ(tok.vocab_types_idx().at("Duration"), 4u);
}

TEST(Octuple, OneRowPerNote) {
  Octuple tok;
  auto seqs = tok.encode_compound(one_track({{0, 8, 60, 100}, {36, 4, 64, 90}}));
  ASSERT_EQ(seqs.size(), 1u);
  ASSERT_EQ(seqs[0].size(), 2u);
  EXPECT_EQ(row(tok, seqs[0], 1),
            (std::vector<std::string>{"Pitch_64", "Position_4", "Bar_1", "Velocity_91",
                                      "Duration_0.4.8", "TimeSig_4/4"}));
  Score back = tok.decode_compound(seqs);
  ASSERT_EQ(back.tracks.size(), 1u);
  // Decoded at time_division() ticks per quarter (16: the time signatures go down to /8).
  ASSERT_EQ(back.ticks_per_quarter, tok.time_division());
  EXPECT_EQ(back.tracks[0].notes[1].time, 36 * tok.time_division() / 8);
  EXPECT_EQ(back.tracks[0].notes[1].pitch, 64);
}

TEST(CPWord, BarPositionAndNoteRows) {
  TokenizerConfig c;
  c.use_time_signatures = false;
  c.finalize();
  CPWord tok(c);
  auto seqs = tok.encode_compound(one_track({{0, 8, 60, 100}, {36, 4, 64, 90}}));
  ASSERT_EQ(seqs[0].size(), 6u);  // Bar Position Note Bar Position Note
  EXPECT_EQ(row(tok, seqs[0], 0)[1], "Bar_None");
  EXPECT_EQ(row(tok, seqs[0], 4)[1], "Position_4");
  EXPECT_EQ(row(tok, seqs[0], 5),
            (std::vector<std::string>{"Family_Note", "Ignore_None", "Pitch_64", "Velocity_91",
                                      "Duration_0.4.8"}));
  Score back = tok.decode_compound(seqs);
  EXPECT_EQ(back.tracks[0].notes[1].time, 36);
}

TEST(MultiVoc, OutOfVocabularyIdNamesItsPosition) {
  Octuple tok;
  auto seqs = tok.encode_compound(one_track({{0, 8, 60, 100}, {36, 4, 64, 90}}));
  seqs[0].ids[1 * seqs[0].width + 2] = 999;
  try {
    (void)tok.decode_compound(seqs);
    FAIL() << "expected a TokenError";
  } catch (const TokenError& e) {
    EXPECT_NE(std::string(e.what()).find("compound token 1, slot 2"), std::string::npos)
        << e.what();
  }
  EXPECT_THROW((void)tok.compound_tokens_to_ids({{"Pitch_60"}}), TokenError);
}

TEST(MultiVoc, RandomIdsNeverCrash) {
  TokenizerConfig c;
  c.use_rests = c.use_tempos = c.use_chords = c.use_programs = true;
  c.finalize();
  std::vector<std::unique_ptr<MultiVocTokenizer>> toks;
  toks.push_back(std::make_unique<Octuple>(c));
  toks.push_back(std::make_unique<CPWord>(c));
  std::mt19937 rng(7);
  for (const auto& tok : toks)
    for (int trial = 0; trial < 300; ++trial) {
      CompoundSequence s;
      s.width = tok->num_vocabs();
      const int rows = static_cast<int>(rng() % 64);
      for (int r = 0; r < rows; ++r)
        for (std::size_t k = 0; k < s.width; ++k)
          s.ids.push_back(static_cast<token_id_t>(rng() % tok->sub_vocabularies()[k].size()));
      Score out = tok->decode_compound({s});
      for (const auto& t : out.tracks)
        for (const auto& n : t.notes) EXPECT_GE(n.duration, 0);
    }
}

}  // namespace
}  // namespace miditok
