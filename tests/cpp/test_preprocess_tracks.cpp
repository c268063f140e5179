// Tests of preprocess/tracks.h against miditok.utils (miditok 3.1.0).
#include <gtest/gtest.h>

#include "miditok/core/error.h"
#include "miditok/preprocess/tracks.h"

namespace miditok {
namespace {

Track make_track(std::string name, int program, bool drum, std::vector<Note> notes) {
  Track t;
  t.name = std::move(name);
  t.program = static_cast<std::uint8_t>(program);
  t.is_drum = drum;
  t.notes = std::move(notes);
  return t;
}

Score four_tracks() {
  Score s;
  s.ticks_per_quarter = 8;
  s.tracks.push_back(make_track("a", 0, false, {{4, 2, 60, 10}, {0, 1, 61, 10}}));
  s.tracks.push_back(make_track("b", 1, false, {{2, 2, 60, 10}}));
  s.tracks.push_back(make_track("c", 0, false, {{1, 2, 60, 10}}));
  s.tracks.push_back(make_track("d", 0, true, {{3, 2, 36, 10}}));
  s.tracks[0].pedals = {{5, 1}};
  s.tracks[2].pedals = {{1, 1}};
  s.tracks[0].pitch_bends = {{5, 1}};
  s.tracks[2].pitch_bends = {{5, 2}, {1, 3}};
  return s;
}

TEST(Tracks, Tables) {
  EXPECT_EQ(program_pitch_range(0), (std::pair<int, int>{21, 109}));
  EXPECT_EQ(program_name(0), "Acoustic Grand Piano");
  EXPECT_EQ(instrument_class_program_range(16), (std::pair<int, int>{-1, 0}));
  EXPECT_EQ(instrument_class_name(5), "Strings");
  EXPECT_THROW(program_pitch_range(128), ConfigError);
}

TEST(Tracks, IsTrackEmpty) {
  Track t;
  t.pedals = {{0, 1}};
  EXPECT_TRUE(is_track_empty(t));
  EXPECT_FALSE(is_track_empty(t, false, true));
  EXPECT_TRUE(is_track_empty(t, true, false, true));
}

TEST(Tracks, MergeSameProgram) {
  Score s = four_tracks();
  merge_same_program_tracks(s.tracks);
  ASSERT_EQ(s.tracks.size(), 3u);
  const Track& m = s.tracks[0];
  EXPECT_EQ(m.name, "a / c");
  EXPECT_EQ(m.notes, (std::vector<Note>{{0, 1, 61, 10}, {1, 2, 60, 10}, {4, 2, 60, 10}}));
  EXPECT_EQ(m.pedals, (std::vector<Pedal>{{1, 1}, {5, 1}}));
  EXPECT_EQ(m.pitch_bends, (std::vector<PitchBend>{{1, 3}, {5, 1}, {5, 2}}));
  EXPECT_EQ(s.tracks[1].name, "b");
  EXPECT_EQ(s.tracks[2].name, "d");
  EXPECT_EQ(get_score_programs(s),
            (std::vector<std::pair<int, bool>>{{0, false}, {1, false}, {0, true}}));
}

TEST(Tracks, MergeAll) {
  Score s = four_tracks();
  Track& m = merge_tracks(s.tracks, false);
  EXPECT_EQ(m.name, "a / b / c / d");
  EXPECT_EQ(m.notes.size(), 5u);
  EXPECT_EQ(m.pedals.size(), 1u);  // effects off: the first track's only
  EXPECT_EQ(s.tracks.size(), 1u);
}

TEST(Tracks, MergePerClass) {
  Score s = four_tracks();
  merge_tracks_per_class(s, std::vector<int>{0}, std::vector<std::pair<int, int>>{{0, 2}});
  ASSERT_EQ(s.tracks.size(), 1u);
  EXPECT_EQ(s.tracks[0].name, "a / c / d / b");
  EXPECT_EQ(s.tracks[0].program, 2);
  EXPECT_EQ(s.tracks[0].notes.size(), 5u);
  Score bad = four_tracks();
  EXPECT_THROW(
      merge_tracks_per_class(bad, std::vector<int>{0}, std::vector<std::pair<int, int>>{{0, 9}}),
      ConfigError);
}

TEST(Tracks, ValidProgramsAndPitchFilter) {
  Score s = four_tracks();
  s.tracks.push_back(make_track("e", 40, false, {{0, 1, 20, 1}, {0, 1, 60, 1}, {0, 1, 110, 1}}));
  merge_tracks_per_class(s, std::nullopt, std::nullopt, std::nullopt, std::vector<int>{0, 40, 128},
                         true);
  ASSERT_EQ(s.tracks.size(), 4u);
  EXPECT_EQ(s.tracks[2].program, 128);
  // Difference from MidiTok, which drops every drum pitch but 27 and 88 (tuple membership).
  EXPECT_EQ(s.tracks[2].notes.size(), 1u);
  EXPECT_EQ(s.tracks[3].notes, (std::vector<Note>{{0, 1, 60, 1}}));
}

TEST(Tracks, MaxTracksPerClassKeepsTheLargest) {
  Score s;
  s.tracks.push_back(make_track("x", 0, false, {{0, 1, 60, 1}}));
  s.tracks.push_back(make_track("y", 1, false, {{0, 1, 60, 1}, {1, 1, 60, 1}}));
  s.tracks.push_back(make_track("z", 2, false, {{0, 1, 60, 1}, {1, 1, 60, 1}, {2, 1, 60, 1}}));
  merge_tracks_per_class(s, std::vector<int>{0}, std::nullopt,
                         std::vector<std::pair<int, int>>{{0, 2}});
  ASSERT_EQ(s.tracks.size(), 1u);
  EXPECT_EQ(s.tracks[0].notes.size(), 5u);
  EXPECT_EQ(s.tracks[0].program, 0);
}

TEST(Tracks, MergeAndConcatScores) {
  Score a = four_tracks();
  a.tempos = {{0, 500000}};
  Score b = four_tracks();
  b.time_signatures = {{0, 3, 4}};
  const std::vector<Score> both{a, b};
  Score m = merge_scores(both);
  EXPECT_EQ(m.tracks.size(), 8u);
  EXPECT_EQ(m.tempos.size(), 1u);
  EXPECT_EQ(m.time_signatures.size(), 1u);

  const std::vector<tick_t> ends{100};
  Score c = concat_scores(both, ends);
  ASSERT_EQ(c.tracks.size(), 4u);
  EXPECT_EQ(c.tracks[0].notes.size(), 4u);
  EXPECT_EQ(c.tracks[0].notes[2].time, 104);
  EXPECT_EQ(c.time_signatures[0].time, 100);
  EXPECT_THROW(concat_scores(both, std::vector<tick_t>{}), ConfigError);
  Score other = b;
  other.ticks_per_quarter = 480;
  EXPECT_THROW(merge_scores(std::vector<Score>{a, other}), ConfigError);
}

}  // namespace
}  // namespace miditok
