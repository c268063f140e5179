#include <gtest/gtest.h>

#include <algorithm>

#include "miditok/core/error.h"
#include "miditok/score/score_ops.h"
#include "miditok/score/score_serialize.h"
#include "miditok/score/time_conversion.h"

namespace miditok {
namespace {

Score sample() {
  Score s;
  s.ticks_per_quarter = 480;
  Track t;
  t.name = "piano";
  t.notes = {Note{0, 480, 60, 90}, Note{240, 240, 64, 80}, Note{960, 100, 67, 70}};
  t.controls = {ControlChange{10, 64, 127}};
  t.pedals = {Pedal{10, 1000}};
  t.pitch_bends = {PitchBend{20, -100}};
  t.lyrics = {TextMeta{5, "la"}};
  s.tracks.push_back(t);
  s.tempos = {Tempo{0, 500000}, Tempo{500, 400000}, Tempo{500, 300000}, Tempo{1200, 600000}};
  s.time_signatures = {TimeSignature{0, 4, 4}};
  s.markers = {TextMeta{100, "A"}, TextMeta{2000, "B"}};
  return s;
}

TEST(ScoreOps, Queries) {
  const Score s = sample();
  EXPECT_EQ(score_start(s), 0);
  EXPECT_EQ(score_end(s), 2000);
  EXPECT_EQ(track_end(s.tracks[0]), 1060);
  EXPECT_EQ(note_num(s), 3u);
  EXPECT_FALSE(score_empty(s));
  EXPECT_TRUE(score_empty(Score{}));
  EXPECT_EQ(score_end(Score{}), 0);
}

TEST(ScoreOps, ClipKeepsLatestGlobalEventAsSentinel) {
  const Score s = clip(sample(), 500, 1100, false);
  ASSERT_EQ(s.tempos.size(), 1u);  // the first tempo at 500 becomes the sentinel; 1200 is out
  EXPECT_EQ(s.tempos[0], (Tempo{500, 400000}));
  ASSERT_EQ(s.time_signatures.size(), 1u);
  EXPECT_EQ(s.time_signatures[0].time, 500);
  ASSERT_EQ(s.tracks[0].notes.size(), 1u);
  EXPECT_EQ(s.tracks[0].notes[0].time, 960);
  EXPECT_TRUE(s.markers.empty());
  const Score strict = clip(sample(), 900, 1050, true);
  EXPECT_TRUE(strict.tracks[0].notes.empty());  // 960 + 100 > 1050
}

TEST(ScoreOps, ResampleRoundsHalfAwayFromZero) {
  Score s = sample();
  s.tracks[0].notes = {Note{1, 1, 60, 90}, Note{3, 2, 60, 90}};
  const Score r = resample(s, 240, 1);
  EXPECT_EQ(r.ticks_per_quarter, 240);
  EXPECT_EQ(r.tracks[0].notes[0], (Note{1, 1, 60, 90}));  // round(0.5) = 1
  EXPECT_EQ(r.tracks[0].notes[1], (Note{2, 1, 60, 90}));  // round(1.5) = 2
  EXPECT_EQ(resample(s, 240, 0).tracks[0].notes[1].duration, 1);
  EXPECT_THROW(resample(s, 0), ConfigError);
  EXPECT_THROW(resample(s, 480, -1), ConfigError);
}

TEST(ScoreOps, ShiftsAndRangeChecks) {
  const Score s = shift_time(sample(), 10);
  EXPECT_EQ(s.tracks[0].notes[0].time, 10);
  EXPECT_EQ(s.tempos[1].time, 510);
  EXPECT_EQ(shift_pitch(sample(), 3).tracks[0].notes[2].pitch, 70);
  EXPECT_THROW(shift_pitch(sample(), 70), ConfigError);
  EXPECT_THROW(shift_velocity(sample(), -80), ConfigError);
  EXPECT_EQ(shift_velocity(sample(), -60).tracks[0].notes[2].velocity, 10);
}

TEST(ScoreOps, SortIsStableByDefaultKey) {
  Score s = sample();
  s.tracks[0].notes = {Note{5, 1, 60, 1}, Note{0, 2, 60, 1}, Note{0, 1, 62, 1}, Note{0, 1, 61, 1}};
  s.tempos = {Tempo{5, 1}, Tempo{0, 2}, Tempo{0, 3}};
  sort_inplace(s);
  EXPECT_EQ(s.tracks[0].notes[0], (Note{0, 1, 61, 1}));
  EXPECT_EQ(s.tracks[0].notes[3], (Note{5, 1, 60, 1}));
  EXPECT_EQ(s.tempos[0].mspq, 2);
  EXPECT_EQ(s.tempos[1].mspq, 3);
  sort_inplace(s, true);
  EXPECT_EQ(s.tempos[0].mspq, 1);
  EXPECT_EQ(s.tempos[1].mspq, 2);  // reverse: a stable sort of the reversed sequence
  EXPECT_EQ(s.tempos[2].mspq, 3);
}

TEST(ScoreOps, TimeConversions) {
  const Score s = sample();
  const std::vector<tick_t> ticks{0, 480, 500, 1000, 1200, 2400};
  const auto secs = ticks_to_seconds(s, ticks);
  EXPECT_FLOAT_EQ(secs[1], 0.5f);
  EXPECT_FLOAT_EQ(secs[3], 500.f / 480 * 0.5f + 500.f / 480 * 0.3f);
  EXPECT_EQ(seconds_to_ticks(s, secs), ticks);
  EXPECT_FLOAT_EQ(ticks_to_quarters(s, ticks)[1], 1.f);
  const std::vector<float> q{0.f, 1.f, 2.5f};
  EXPECT_EQ(quarters_to_ticks(s, q), (std::vector<tick_t>{0, 480, 1200}));
}

TEST(ScoreSerialize, RoundTripAndCorruption) {
  const Score s = sample();
  const std::string bytes = serialize_score(s);
  EXPECT_EQ(deserialize_score(bytes), s);
  for (std::size_t cut = 0; cut < bytes.size(); ++cut) {
    EXPECT_THROW(deserialize_score(std::string_view(bytes).substr(0, cut)), MidiError);
  }
  std::string huge = bytes;
  huge[12] = '\xFF';  // time signature count
  EXPECT_THROW(deserialize_score(huge), MidiError);
}

}  // namespace
}  // namespace miditok
