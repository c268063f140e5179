// Tests of preprocess/quantize.h, notes.h, controls.h and globals.h against values computed with
// miditok 3.1.0 (MusicTokenizer private helpers and miditok.utils).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <utility>

#include "miditok/core/error.h"
#include "miditok/preprocess/controls.h"
#include "miditok/preprocess/globals.h"
#include "miditok/preprocess/notes.h"
#include "miditok/preprocess/quantize.h"

namespace miditok {
namespace {

const std::vector<TickSection> kFactors{{10, 4}, {30, 3}, {1000, 2}};

TEST(Quantize, ClosestBinTiesGoUp) {
  const std::vector<std::int32_t> bins{0, 10, 20};
  std::vector<std::int32_t> v{5, 15, -3, 25, 14, 16};
  snap_to_closest(v, bins);
  EXPECT_EQ(v, (std::vector<std::int32_t>{10, 20, 0, 20, 10, 20}));
  EXPECT_EQ(closest_bin(std::span<const std::int32_t>(bins), 4), 0);
  const std::vector<double> fb{1.0, 2.5};
  EXPECT_EQ(closest_bin(std::span<const double>(fb), 1.75), 2.5);
  EXPECT_THROW(closest_bin(std::span<const std::int32_t>(), 3), ConfigError);
}

TEST(Quantize, SortedTimesHalfToEven) {
  std::vector<tick_t> t{0, 1, 2, 3, 5, 6, 9, 10, 11, 12, 13, 29, 30, 31, 32, 33};
  adjust_times_to_sections(t, kFactors);
  EXPECT_EQ(t, (std::vector<tick_t>{0, 0, 0, 4, 4, 8, 8, 10, 10, 13, 13, 28, 30, 30, 32, 34}));
}

TEST(Quantize, UnsortedTimesFollowNumpy) {
  // The sorted path on unsorted input reproduces numpy's searchsorted on unsorted data.
  std::vector<tick_t> t{40, 3, 12, 29, 1, 31, 10, 11, 2};
  std::vector<tick_t> u = t;
  adjust_times_to_sections(t, kFactors);
  EXPECT_EQ(t, (std::vector<tick_t>{40, 4, 12, 28, 0, 31, 10, 10, 1}));
  adjust_unsorted_times_to_sections(u, kFactors);
  EXPECT_EQ(u, (std::vector<tick_t>{40, 4, 13, 28, 0, 30, 10, 10, 0}));
}

TEST(Quantize, OnsetsOffsetsAndDurations) {
  std::vector<Note> notes{{1, 1, 60, 10}, {5, 6, 60, 10}, {12, 30, 60, 10}};
  adjust_onsets_offsets(std::span<Note>(notes), kFactors, 1);
  // 1..2 collapses onto 0 and gets one step of 4; 5..11 -> 4..10; 12..42 -> 13..42.
  EXPECT_EQ(notes[0].time, 0);
  EXPECT_EQ(notes[0].duration, 4);
  EXPECT_EQ(notes[1].time, 4);
  EXPECT_EQ(notes[1].duration, 6);
  EXPECT_EQ(notes[2].time, 13);
  EXPECT_EQ(notes[2].duration, 29);

  TicksPerBeatBins bins;
  bins.table = {{8, {1, 2, 4, 8, 16}}, {4, {1, 2, 3, 4}}};
  std::vector<Note> n2{{0, 3, 60, 1}, {5, 7, 60, 1}, {20, 7, 60, 1}, {30, 100, 60, 1}};
  adjust_durations(std::span<Note>(n2), std::vector<TickSection>{{20, 8}, {40, 4}}, bins);
  EXPECT_EQ(n2[0].duration, 4);  // 3 is between 2 and 4: tie goes up
  EXPECT_EQ(n2[1].duration, 8);
  EXPECT_EQ(n2[2].duration, 4);
  EXPECT_EQ(n2[3].duration, 4);
  EXPECT_THROW(bins.at(5), ConfigError);
}

TEST(Notes, FilterVelocitiesDuplicates) {
  std::vector<Note> notes{{0, 4, 20, 100}, {0, 4, 60, 3}, {0, 2, 60, 90}, {2, 4, 109, 64}};
  filter_pitch_range(notes, 21, 108);
  ASSERT_EQ(notes.size(), 2u);
  const std::vector<std::int32_t> vel{31, 63, 95, 127};
  quantize_velocities(notes, vel);
  EXPECT_EQ(notes[0].velocity, 31);
  EXPECT_EQ(notes[1].velocity, 95);
  sort_notes_time_pitch_duration(notes);
  EXPECT_EQ(notes[0].duration, 2);
  remove_duplicated_notes(notes);
  EXPECT_EQ(notes.size(), 1u);

  std::vector<Note> n2{{0, 4, 60, 1}, {0, 6, 60, 1}, {0, 6, 60, 2}};
  remove_duplicated_notes(n2, true);
  EXPECT_EQ(n2.size(), 2u);
}

TEST(Notes, FixOffsetsOverlapping) {
  std::vector<Note> notes{{0, 10, 60, 1}, {2, 3, 64, 1}, {4, 2, 60, 1}, {20, 1, 60, 1}};
  fix_offsets_overlapping_notes(notes);
  EXPECT_EQ(notes[0].duration, 4);
  EXPECT_EQ(notes[2].duration, 2);
}

TEST(Controls, PitchBendsKeepLargestMagnitudePerTick) {
  std::vector<std::int32_t> bins;
  for (int i = 0; i < 32; ++i) bins.push_back(-8192 + i * 16383 / 31);  // linspace int32
  std::vector<PitchBend> pb{{0, 100}, {0, -3000}, {0, 3000}, {5, 10}, {7, 8191}};
  preprocess_pitch_bends(pb, bins, {});
  EXPECT_EQ(pb, (std::vector<PitchBend>{{0, -2908}, {5, 263}, {7, 8191}}));
}

TEST(Controls, PedalsMerge) {
  std::vector<Pedal> p{{0, 10}, {5, 2}, {11, 3}, {12, 20}, {40, 5}, {45, 1}, {50, 1}};
  preprocess_pedals(p, {}, false, {}, nullptr);
  EXPECT_EQ(p, (std::vector<Pedal>{{0, 10}, {11, 21}, {40, 6}, {50, 1}}));
  std::vector<Pedal> p2{{0, 30}, {5, 2}, {10, 1}, {12, 5}, {18, 2}, {40, 1}};
  preprocess_pedals(p2, {}, false, {}, nullptr);
  EXPECT_EQ(p2, (std::vector<Pedal>{{0, 30}, {40, 1}}));
}

TEST(Controls, ControlChanges) {
  const std::vector<int> numbers{7, 64, 65, 0};
  const auto bins = make_control_change_value_bins(numbers, 4);
  EXPECT_EQ(bins[7], (std::vector<std::int32_t>{0, 42, 85, 127}));
  EXPECT_EQ(bins[65], (std::vector<std::int32_t>{0, 127}));
  EXPECT_EQ(bins[0].size(), 128u);
  std::array<bool, 128> allowed{};
  for (int n : numbers) allowed[static_cast<std::size_t>(n)] = true;
  // Two equal CC7 at one original time collapse; CC0 (not deduplicable) repeats stay; CC10 goes.
  std::vector<ControlChange> cc{{4, 7, 40}, {0, 7, 44}, {0, 7, 41}, {0, 0, 5},
                                {0, 0, 5},  {1, 10, 3}, {2, 65, 70}};
  const std::vector<tick_t> original{4, 0, 0, 0, 0, 1, 2};
  preprocess_control_changes(cc, original, bins, allowed, {});
  EXPECT_EQ(
      cc, (std::vector<ControlChange>{{0, 7, 42}, {0, 0, 5}, {0, 0, 5}, {2, 65, 127}, {4, 7, 42}}));
}

TEST(Globals, TimeSignatureCleanup) {
  using V = std::vector<TimeSignature>;
  const std::vector<std::pair<V, V>> cases{
      {{{0, 4, 4}, {0, 3, 4}, {10, 3, 4}, {20, 6, 8}, {40, 6, 8}, {50, 4, 4}},
       {{0, 3, 4}, {24, 6, 8}, {60, 4, 4}}},
      {{{5, 4, 4}, {7, 3, 4}, {7, 4, 4}}, {{0, 4, 4}, {16, 4, 4}}},
      {{{0, 4, 4}, {16, 3, 4}, {16, 4, 4}, {100, 2, 4}}, {{0, 4, 4}, {112, 2, 4}}},
      {{{3, 3, 4}}, {{0, 4, 4}, {12, 3, 4}}},
      {{{0, 4, 4}, {33, 4, 4}, {40, 3, 4}, {41, 4, 4}}, {{0, 4, 4}}},
  };
  for (const auto& [in, expected] : cases) {
    V ts = in;
    preprocess_time_signatures(ts, 4, false);
    EXPECT_EQ(ts, expected);
  }
  V ts{{8, 4, 4}, {12, 3, 4}};
  preprocess_time_signatures(ts, 4, true);
  EXPECT_EQ(ts, (V{{0, 4, 4}, {16, 3, 4}}));
}

TEST(Globals, PrepareAndResampleTimeSignatures) {
  const std::vector<std::pair<int, int>> supported{{4, 4}, {3, 4}, {6, 8}};
  std::vector<TimeSignature> out;
  const std::vector<TimeSignature> in{{480, 6, 8}, {960, 7, 8}};
  EXPECT_EQ(prepare_time_signatures(in, true, supported, 8, out), 16);
  EXPECT_EQ(out, (std::vector<TimeSignature>{{0, 4, 4}, {480, 6, 8}}));
  resample_time_signatures(out, 480, 16);
  EXPECT_EQ(out[1].time, 16);
  std::vector<TimeSignature> t2{{479, 4, 4}};
  resample_time_signatures(t2, 480, 16);
  EXPECT_EQ(t2[0].time, 15);  // truncated, not rounded
  EXPECT_EQ(prepare_time_signatures(in, false, supported, 8, out), 8);
  EXPECT_EQ(out, (std::vector<TimeSignature>{{0, 4, 4}}));
}

std::vector<double> tempo_bins() {
  // 60e6 / round(linspace(40, 250, 32), 2), sorted
  std::vector<double> b;
  for (int i = 0; i < 32; ++i) {
    const double qpm = std::nearbyint((40.0 + i * (210.0 / 31)) * 100) / 100;
    b.push_back(60000000.0 / qpm);
  }
  std::sort(b.begin(), b.end());
  return b;
}

TEST(Globals, Tempos) {
  const auto bins = tempo_bins();
  const std::vector<Tempo> in{{0, 500000}, {3, 400000}, {3, 600000}, {9, 600000}, {12, 1000000}};
  auto t = in;
  preprocess_tempos(t, bins, {}, false, 121.29);
  EXPECT_EQ(t, (std::vector<Tempo>{{0, 494682}, {3, 594235}, {9, 594235}, {12, 994694}}));
  t = in;
  preprocess_tempos(t, bins, {}, true, 121.29);
  EXPECT_EQ(t, (std::vector<Tempo>{{0, 494682}, {3, 594235}, {12, 994694}}));
  t = {{4, 500000}};
  preprocess_tempos(t, bins, {}, true, 121.29);
  EXPECT_EQ(t, (std::vector<Tempo>{{0, 494682}, {4, 494682}}));
  t.clear();
  preprocess_tempos(t, bins, {}, false, 121.29);
  EXPECT_EQ(t, (std::vector<Tempo>{{0, 494682}}));
}

TEST(Globals, KeySignatures) {
  std::vector<KeySignature> k{{5, 2, 0}, {0, 1, 0}, {5, -3, 1}};
  preprocess_key_signatures(k, {});
  EXPECT_EQ(k, (std::vector<KeySignature>{{0, 1, 0}, {5, -3, 1}}));
  std::vector<KeySignature> k2;
  preprocess_key_signatures(k2, {});
  EXPECT_EQ(k2, (std::vector<KeySignature>{{0, 0, 0}}));
}

}  // namespace
}  // namespace miditok

namespace miditok {
namespace {

TEST(Notes, VelocityTableMatchesBinarySearch) {
  std::vector<Note> many;
  for (int i = 0; i < 600; ++i) {
    many.push_back(Note{i, 1, 60, static_cast<std::int8_t>((i * 37) % 128)});
  }
  const std::vector<std::int32_t> bins{7,  15, 23, 31, 39,  47,  55,  63,
                                       71, 79, 87, 95, 103, 111, 119, 127};
  std::vector<Note> one_by_one = many;
  quantize_velocities(many, bins);  // table path (> 256 notes)
  for (Note& n : one_by_one) {
    n.velocity =
        static_cast<std::int8_t>(closest_bin(std::span<const std::int32_t>(bins), n.velocity));
  }
  EXPECT_EQ(many, one_by_one);
}

}  // namespace
}  // namespace miditok
