// Tests of preprocess/time_grid.h against values computed with miditok 3.1.0.
#include <gtest/gtest.h>

#include <tuple>

#include "miditok/core/error.h"
#include "miditok/preprocess/time_grid.h"

namespace miditok {
namespace {

Score five_ts_score() {
  Score s;
  s.ticks_per_quarter = 8;
  s.time_signatures = {{0, 4, 4}, {64, 3, 4}, {88, 6, 8}, {112, 6, 8}, {136, 2, 4}};
  Track t;
  for (auto [tm, d, p] :
       {std::tuple{0, 4, 60}, {3, 2, 64}, {70, 30, 67}, {90, 3, 60}, {130, 12, 72}}) {
    t.notes.push_back(Note{tm, d, static_cast<std::int8_t>(p), 90});
  }
  s.tracks.push_back(t);
  return s;
}

TEST(TimeGrid, TicksPerBeatAndBar) {
  EXPECT_EQ(compute_ticks_per_beat(4, 480), 480);
  EXPECT_EQ(compute_ticks_per_beat(8, 480), 240);
  EXPECT_EQ(compute_ticks_per_beat(2, 480), 960);
  EXPECT_EQ(compute_ticks_per_beat(8, 7), 3);  // int(7 * 0.5): truncation
  EXPECT_EQ(compute_ticks_per_bar(TimeSignature{0, 6, 8}, 480), 1440);
  EXPECT_THROW(compute_ticks_per_beat(0, 480), ConfigError);
}

TEST(TimeGrid, ScoreEnd) {
  Score s = five_ts_score();
  EXPECT_EQ(score_end(s), 142);
  EXPECT_EQ(max_tick_only_onsets(s), 136);  // last TS time beats the last note onset
  EXPECT_EQ(score_end(Score{}), 0);
}

TEST(TimeGrid, BarsAndBeats) {
  Score s = five_ts_score();
  EXPECT_EQ(get_bars_ticks(s), (std::vector<tick_t>{0, 32, 64, 88, 112, 136}));
  EXPECT_EQ(get_bars_ticks(s, true), (std::vector<tick_t>{0, 32, 64, 88, 112, 136}));
  EXPECT_EQ(get_beats_ticks(s, true),
            (std::vector<tick_t>{0,  8,  16,  24,  32,  40,  48,  56,  64,  72,  80,  88,
                                 92, 96, 100, 104, 108, 112, 116, 120, 124, 128, 132, 136}));
  EXPECT_EQ(get_bars_ticks(Score{}), (std::vector<tick_t>{0}));
}

TEST(TimeGrid, Sections) {
  Score s = five_ts_score();
  EXPECT_EQ(get_score_ticks_per_beat(s), (std::vector<TickSection>{{88, 8}, {136, 4}, {143, 8}}));
  std::vector<TickSection> rf;
  get_score_resampling_factors(s, 8, rf);
  EXPECT_EQ(rf, (std::vector<TickSection>{{88, 1}, {136, 0}, {143, 1}}));
  EXPECT_TRUE(has_several_denominators(s.time_signatures));
  EXPECT_EQ(single_ticks_per_beat_section(s), (std::vector<TickSection>{{142, 8}}));
}

TEST(TimeGrid, NotesPerBar) {
  Score s = five_ts_score();
  EXPECT_EQ(get_num_notes_per_bar(s), (std::vector<std::int32_t>{2, 0, 1, 1, 1, 0}));
  auto per_track = get_num_notes_per_bar_per_track(s);
  ASSERT_EQ(per_track.size(), 6u);
  EXPECT_EQ(per_track[0], (std::vector<std::int32_t>{2}));
  EXPECT_EQ(get_num_notes_per_bar(Score{}), (std::vector<std::int32_t>{0}));
  EXPECT_TRUE(get_num_notes_per_bar_per_track(Score{}).empty());
}

TEST(TimeGrid, NumBarPos) {
  const std::vector<token_id_t> seq{4, 10, 20, 4, 11, 20, 12, 20};
  const std::vector<token_id_t> pos{10, 11, 12};
  EXPECT_EQ(num_bar_pos(seq, 4, pos), (std::pair<int, int>{2, 1}));
  EXPECT_THROW(num_bar_pos(std::vector<token_id_t>{1, 2}, 4, pos), TokenError);
}

}  // namespace
}  // namespace miditok
