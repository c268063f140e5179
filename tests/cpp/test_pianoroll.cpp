// Piano rolls: shape, the three modes, list-order overwrite, clipping and the size limit.
#include <gtest/gtest.h>

#include <limits>

#include "miditok/core/error.h"
#include "miditok/score/pianoroll.h"

namespace miditok {
namespace {

Track track_of(std::vector<Note> notes) {
  Track t;
  t.notes = std::move(notes);
  return t;
}

TEST(Pianoroll, ModesMarkOnsetFrameAndOffsetTicks) {
  PianorollOptions o;
  o.modes = {PianorollMode::Onset, PianorollMode::Frame, PianorollMode::Offset};
  o.pitch_lo = 60;
  o.pitch_hi = 62;
  o.encode_velocity = true;
  const Pianoroll r = track_pianoroll(track_of({{2, 3, 61, 90}}), o);
  ASSERT_EQ(r.shape, (std::vector<std::size_t>{3, 2, 6}));
  const std::vector<std::uint8_t> pitch61[3] = {
      {0, 0, 90, 0, 0, 0}, {0, 0, 90, 90, 90, 0}, {0, 0, 0, 0, 0, 90}};
  for (std::size_t m = 0; m < 3; ++m) {
    for (std::size_t t = 0; t < 6; ++t) {
      EXPECT_EQ(r.data[m * 12 + 6 + t], pitch61[m][t]) << "mode " << m << " tick " << t;
      EXPECT_EQ(r.data[m * 12 + t], 0);  // pitch 60 is empty
    }
  }
}

TEST(Pianoroll, LaterNotesOverwriteAndOutOfRangeAreLeftOut) {
  PianorollOptions o;
  o.modes = {PianorollMode::Frame};
  o.encode_velocity = true;
  Score s;
  s.tracks = {track_of({{0, 4, 60, 100}, {1, 1, 60, 50}, {0, 4, 20, 7}, {-3, 5, 61, 9}}), Track{}};
  o.pitch_lo = 60;
  o.pitch_hi = 62;
  const Pianoroll r = score_pianoroll(s, o);
  ASSERT_EQ(r.shape, (std::vector<std::size_t>{1, 2, 2, 5}));
  EXPECT_EQ(std::vector<std::uint8_t>(r.data.begin(), r.data.begin() + 10),
            (std::vector<std::uint8_t>{100, 50, 100, 100, 0, 9, 9, 0, 0, 0}));
  for (std::size_t i = 10; i < r.data.size(); ++i) EXPECT_EQ(r.data[i], 0);  // empty 2nd track
}

TEST(Pianoroll, BadModeRangeAndSizeAreConfigErrors) {
  EXPECT_THROW(parse_pianoroll_mode("frames"), ConfigError);
  PianorollOptions o;
  o.pitch_lo = 70;
  o.pitch_hi = 60;
  EXPECT_THROW(track_pianoroll(Track{}, o), ConfigError);
  o.pitch_lo = 0;
  o.pitch_hi = 129;
  EXPECT_THROW(track_pianoroll(Track{}, o), ConfigError);
  o.pitch_hi = 128;
  const tick_t far = std::numeric_limits<tick_t>::max() - 1;
  EXPECT_THROW(track_pianoroll(track_of({{far, 1, 60, 1}}), o), ConfigError);
  EXPECT_EQ(score_pianoroll(Score{}, o).shape, (std::vector<std::size_t>{2, 0, 128, 1}));
}

}  // namespace
}  // namespace miditok
