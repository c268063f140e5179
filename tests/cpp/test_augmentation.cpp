// Augmentation on hand-built scores: shifts, clamps, tessitura filter, offset tuples, file-name
// suffixes and the seeded random augmentation.
#include <gtest/gtest.h>

#include <set>

#include "miditok/augmentation/augmentation.h"
#include "miditok/core/error.h"

namespace miditok {
namespace {

Score make_score() {
  Score s;
  s.ticks_per_quarter = 480;
  Track piano;  // program 0: GM2 range 21-108
  piano.notes = {{0, 480, 60, 100}, {480, 10, 72, 3}, {960, 960, 48, 126}};
  Track drums;
  drums.is_drum = true;
  drums.notes = {{0, 120, 36, 100}};
  s.tracks = {piano, drums};
  return s;
}

TEST(Augmentation, ShiftsPitchVelocityDuration) {
  const Score s = make_score();
  const Score a = augment_score(s, 2, -4, 0.5);
  EXPECT_EQ(a.tracks[0].notes[0], (Note{0, 720, 62, 96}));
  EXPECT_EQ(a.tracks[0].notes[1], (Note{480, 250, 74, 1}));  // velocity floored at 1
  EXPECT_EQ(a.tracks[1].notes[0], (Note{0, 120, 36, 96}));   // drums: velocity only
  const Score b = augment_score(s, 0, 5, 0);
  EXPECT_EQ(b.tracks[0].notes[2].velocity, 127);  // capped at 127
  EXPECT_EQ(s, make_score());                     // the input is untouched
}

TEST(Augmentation, NegativeBeatOffsetShortensNotes) {
  // MidiTok bug: max(round(-0.5 * 480), 1) = +1 tick. Here -240, floored at the minimum (15).
  const Score a = augment_score(make_score(), 0, 0, -0.5);
  EXPECT_EQ(a.tracks[0].notes[0].duration, 240);
  EXPECT_EQ(a.tracks[0].notes[1].duration, 15);  // round(0.03125 * 480)
  EXPECT_EQ(a.tracks[0].notes[2].duration, 720);
  EXPECT_EQ(a.tracks[1].notes[0].duration, 120);
  // In ticks.
  EXPECT_EQ(augment_score(make_score(), 0, 0, -20, {1, 127}, true, 5).tracks[0].notes[1].duration,
            5);
}

TEST(Augmentation, PitchOutOfRangeRaisesWithoutMutating) {
  Score s = make_score();
  EXPECT_THROW(augment_score_inplace(s, {60, 0, 0}, {1, 127}, 1), ConfigError);
  EXPECT_EQ(s, make_score());
}

TEST(Augmentation, TessituraFilter) {
  const Score s = make_score();  // piano pitches 48-72, range 21-108: offsets in [-27, 36]
  const std::vector<int> offs = {-30, -27, -2, 1, 36, 37};
  EXPECT_EQ(filter_pitch_offsets(offs, s, true), (std::vector<int>{-27, -2, 1, 36}));
  EXPECT_EQ(filter_pitch_offsets(offs, s, false), (std::vector<int>{-30, -27, -2, 1, 36, 37}));
  // An empty non-drum track before the piano does not change which program is checked.
  Score t = s;
  Track bass;
  bass.program = 33;  // 28-55
  t.tracks.insert(t.tracks.begin(), bass);
  EXPECT_EQ(filter_pitch_offsets(offs, t, true), (std::vector<int>{-27, -2, 1, 36}));
}

TEST(Augmentation, OffsetTuplesInMidiToksOrder) {
  const Score s = make_score();
  const std::vector<int> p = {-2, 1}, v = {-4}, d = {240};
  EXPECT_EQ(create_offsets_tuples(s, p, v, d, false, true),
            (std::vector<AugmentOffsets>{{-2, 0, 0}, {1, 0, 0}, {0, -4, 0}, {0, 0, 240}}));
  const auto all = create_offsets_tuples(s, p, v, d, true, true);
  EXPECT_EQ(all.size(), 3u * 2u * 2u - 1u);  // every combination except (0, 0, 0)
  EXPECT_EQ(std::set<AugmentOffsets>(all.begin(), all.end()).size(), all.size());
  EXPECT_EQ(all[4], (AugmentOffsets{-2, -4, 0}));
}

TEST(Augmentation, MultipleOffsetsConvertBeats) {
  AugmentOptions o;
  o.pitch_offsets = {1};
  o.duration_offsets = {-0.5, 1};
  const auto out = augment_score_multiple_offsets(make_score(), o);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[1].first, (AugmentOffsets{0, 0, -240}));
  EXPECT_EQ(out[1].second.tracks[0].notes[1].duration, 15);
  EXPECT_EQ(out[2].second.tracks[0].notes[0].duration, 960);
}

TEST(Augmentation, Suffix) {
  EXPECT_EQ(augmentation_suffix({2, -4, 120}), "#p2_v-4_d120");
  EXPECT_EQ(augmentation_suffix({0, 5, 0}), "#v5");
  EXPECT_EQ(augmentation_suffix({0, 0, 0}), "#");
}

TEST(Augmentation, RandomAugmentIsReproducible) {
  AugmentOptions o;
  o.pitch_offsets = {-2, -1, 1, 2, 50};
  o.velocity_offsets = {-4, 4};
  o.duration_offsets = {-0.25, 0.25};
  const Score s = make_score();
  std::set<AugmentOffsets> seen;
  for (std::uint64_t epoch = 0; epoch < 50; ++epoch) {
    const AugmentOffsets a = draw_random_offsets(s, 1, epoch, 3, o);
    EXPECT_EQ(a, draw_random_offsets(s, 1, epoch, 3, o));
    EXPECT_NE(a[0], 50);  // out of the tessitura, never drawn
    seen.insert(a);
    EXPECT_EQ(random_augment(s, 1, epoch, 3, o), random_augment(s, 1, epoch, 3, o));
  }
  EXPECT_GT(seen.size(), 10u);  // epochs draw different offsets
  EXPECT_EQ(draw_random_offsets(s, 1, 0, 0, {}), (AugmentOffsets{0, 0, 0}));
}

}  // namespace
}  // namespace miditok
