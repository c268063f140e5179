#include <gtest/gtest.h>

#include <algorithm>

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

TEST(SplitScore, ClipWindowIsCopyClipShift) {
  // clip_window copies only the window; it must equal the whole copy + clip_inplace(clip_end
  // false) + shift_time_inplace, also on unsorted lists, ties at the start and a reused `out`
  miditok::Score score;
  score.ticks_per_quarter = 8;
  for (int t = 0; t < 3; ++t) {
    miditok::Track track;
    track.name = "t" + std::to_string(t);
    track.program = static_cast<std::uint8_t>(10 * t);
    track.is_drum = t == 2;
    for (tick_t i = 0; i < 60; ++i) {
      const tick_t time = (i * 37 + t * 11) % 97;  // unsorted, with repeats
      track.notes.push_back({time, static_cast<tick_t>(1 + i % 40),
                             static_cast<std::int8_t>(40 + i), static_cast<std::int8_t>(20 + t)});
      if (i % 3 == 0) track.controls.push_back({time, 64, static_cast<std::uint8_t>(i)});
      if (i % 5 == 0) track.pitch_bends.push_back({time, static_cast<std::int32_t>(i * 10)});
      if (i % 7 == 0) track.pedals.push_back({time, 9});
      if (i % 11 == 0) track.lyrics.push_back({time, "l" + std::to_string(i)});
    }
    score.tracks.push_back(track);
  }
  score.time_signatures = {{0, 4, 4}, {32, 3, 4}, {32, 6, 8}, {20, 2, 4}, {70, 5, 4}};
  score.key_signatures = {{40, 1, 0}, {10, 2, 1}};
  score.tempos = {{0, 500000}, {48, 400000}, {48, 300000}, {90, 600000}};
  score.markers = {{5, "a"}, {48, "b"}, {96, "c"}};
  miditok::Score out;
  const std::vector<std::pair<tick_t, tick_t>> windows{{0, 98},   {32, 64}, {48, 49}, {10, 11},
                                                       {96, 200}, {0, 0},   {5, 40},  {200, 300}};
  for (const auto& [start, end] : windows) {
    miditok::Score expected = score;
    miditok::clip_inplace(expected, start, end, /*clip_end=*/false);
    miditok::shift_time_inplace(expected, -start);
    miditok::clip_window(score, start, end, out);
    EXPECT_EQ(out, expected) << "window [" << start << ", " << end << ")";
    const auto order = miditok::tracks_time_order(score);  // unsorted lists: scanned
    miditok::clip_window(score, start, end, out, &order);
    EXPECT_EQ(out, expected) << "window [" << start << ", " << end << "), with its order";
  }
  // The same score in time order (stable: ties keep their order): ranges by binary search
  miditok::Score sorted = score;
  const auto by_time = [](const auto& a, const auto& b) { return a.time < b.time; };
  for (miditok::Track& t : sorted.tracks) {
    std::stable_sort(t.notes.begin(), t.notes.end(), by_time);
    std::stable_sort(t.controls.begin(), t.controls.end(), by_time);
    std::stable_sort(t.pitch_bends.begin(), t.pitch_bends.end(), by_time);
    std::stable_sort(t.pedals.begin(), t.pedals.end(), by_time);
    std::stable_sort(t.lyrics.begin(), t.lyrics.end(), by_time);
    std::reverse(t.lyrics.begin(), t.lyrics.end());  // out of order: scanned, the others searched
  }
  const auto order = miditok::tracks_time_order(sorted);
  EXPECT_EQ(order[0], 15u);
  for (const auto& [start, end] : windows) {
    miditok::Score expected = sorted;
    miditok::clip_inplace(expected, start, end, /*clip_end=*/false);
    miditok::shift_time_inplace(expected, -start);
    miditok::clip_window(sorted, start, end, out, &order);
    EXPECT_EQ(out, expected) << "sorted, window [" << start << ", " << end << ")";
  }
  out.tracks.resize(5);  // more tracks than the score: the extra ones go
  miditok::clip_window(score, 0, 50, out);
  EXPECT_EQ(out.tracks.size(), 3u);
}
