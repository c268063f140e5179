#include <gtest/gtest.h>

#include "miditok/core/error.h"
#include "miditok/data/split.h"
#include "miditok/score/score_ops.h"

using miditok::tick_t;

namespace {

miditok::Score score_with_notes(const std::vector<tick_t>& onsets) {
  miditok::Score score;
  score.ticks_per_quarter = 4;  // a 4/4 bar is 16 ticks
  miditok::Track track;
  for (tick_t t : onsets) track.notes.push_back({t, 2, 60, 100});
  score.tracks.push_back(track);
  score.time_signatures.push_back({0, 4, 4});
  return score;
}

}  // namespace

TEST(NoteDensitySplit, CutsAtBarsWithOverlap) {
  // 4 bars of 10 tokens, max 25: MidiTok cuts at the end of the bar that overflows (bars 0-2),
  // then starts again one bar back (overlap 1) up to the end
  const std::vector<tick_t> bars{0, 16, 32, 48};
  const std::vector<std::int32_t> notes{10, 10, 10, 10};
  auto w = miditok::note_density_split_ticks(bars, notes, 63, 25, 1.0, 1, 0);
  ASSERT_EQ(w.size(), 2u);
  EXPECT_EQ(w[0], (std::pair<tick_t, tick_t>{0, 48}));
  EXPECT_EQ(w[1], (std::pair<tick_t, tick_t>{32, 64}));
}

TEST(NoteDensitySplit, NoOverlapCutsBeforeBarThatDoesNotFit) {
  // Max 15: half of bar 1 fits (5 >= 10 / 2) so the cut is after it; with max 14 it is before
  const std::vector<tick_t> bars{0, 16, 32};
  const std::vector<std::int32_t> notes{10, 10, 10};
  auto w = miditok::note_density_split_ticks(bars, notes, 47, 15, 1.0, 0, 0);
  ASSERT_EQ(w.size(), 2u);
  EXPECT_EQ(w[0], (std::pair<tick_t, tick_t>{0, 32}));
  EXPECT_EQ(w[1], (std::pair<tick_t, tick_t>{32, 48}));
  w = miditok::note_density_split_ticks(bars, notes, 47, 14, 1.0, 0, 0);
  ASSERT_EQ(w.size(), 3u);
  EXPECT_EQ(w[0], (std::pair<tick_t, tick_t>{0, 16}));
  EXPECT_EQ(w[1], (std::pair<tick_t, tick_t>{16, 32}));
}

TEST(NoteDensitySplit, ShortLastChunkDroppedBelowMin) {
  const std::vector<tick_t> bars{0, 16};
  const std::vector<std::int32_t> notes{10, 1};
  auto w = miditok::note_density_split_ticks(bars, notes, 31, 10, 1.0, 0, 5);
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0], (std::pair<tick_t, tick_t>{0, 16}));
}

TEST(NoteDensitySplit, NegativeOverlapThrows) {
  EXPECT_THROW(miditok::note_density_split_ticks({0}, {1}, 1, 10, 1.0, -1), miditok::ConfigError);
}

TEST(SplitScore, PerNoteDensityKeepsEveryNote) {
  std::vector<tick_t> onsets;
  for (tick_t t = 0; t < 160; t += 2) onsets.push_back(t);
  const auto score = score_with_notes(onsets);
  const auto chunks = miditok::split_score_per_note_density(score, 10, 1.0, 0, 0);
  ASSERT_GT(chunks.size(), 1u);
  std::size_t total = 0;
  for (const auto& c : chunks) {
    total += miditok::note_num(c);
    EXPECT_EQ(miditok::score_start(c), 0);
  }
  EXPECT_EQ(total, onsets.size());
}

TEST(SplitScore, SingleChunkIsTheScore) {
  const auto score = score_with_notes({0, 5, 9});
  const auto chunks = miditok::split_score_per_note_density(score, 100, 1.0, 1, 0);
  ASSERT_EQ(chunks.size(), 1u);
  EXPECT_EQ(chunks[0], score);
}

TEST(SplitScore, PerTicksShiftsToZero) {
  const auto score = score_with_notes({0, 10, 20, 30});
  const auto chunks = miditok::split_score_per_ticks(score, {15});
  ASSERT_EQ(chunks.size(), 2u);
  EXPECT_EQ(chunks[0].tracks[0].notes.size(), 2u);
  ASSERT_EQ(chunks[1].tracks[0].notes.size(), 2u);
  EXPECT_EQ(chunks[1].tracks[0].notes[0].time, 5);
}

TEST(SplitScore, PerBeatsShortScoreIsOneChunk) {
  const auto score = score_with_notes({0, 1, 2});
  EXPECT_TRUE(miditok::beats_split_ticks({0}, 4, 4, 1).empty());
  EXPECT_EQ(miditok::split_score_per_beats(score, 8).size(), 1u);
  EXPECT_THROW(miditok::split_score_per_beats(score, 8, 0), miditok::ConfigError);
}

TEST(SplitScore, PerTracksSharesGlobals) {
  auto score = score_with_notes({0});
  score.tracks.push_back(score.tracks[0]);
  score.tracks[1].program = 5;
  score.markers.push_back({0, "m"});
  const auto scores = miditok::split_score_per_tracks(score);
  ASSERT_EQ(scores.size(), 2u);
  EXPECT_EQ(scores[1].tracks.size(), 1u);
  EXPECT_EQ(scores[1].tracks[0].program, 5);
  EXPECT_EQ(scores[1].markers, score.markers);
  EXPECT_EQ(scores[1].time_signatures, score.time_signatures);
}
