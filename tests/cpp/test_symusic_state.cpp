// symusic's state layout: the bytes of a known score (as symusic 0.6 pickles it), round trips,
// and malformed state raising MidiError instead of over-reading.
#include <gtest/gtest.h>

#include <string>

#include "miditok/core/error.h"
#include "miditok/score/symusic_state.h"

namespace miditok {
namespace {

Score sample() {
  Score s;
  s.ticks_per_quarter = 480;
  Track t;
  t.name = "ab";
  t.program = 5;
  t.is_drum = true;
  t.notes = {{1, 2, 60, 64}, {3, 4, 61, 65}};
  s.tracks.push_back(t);
  s.tempos.push_back({0, 500000});
  s.markers.push_back({7, "xy"});
  return s;
}

// The state symusic 0.6.0 returns for the same score (ScoreTick.__getstate__).
const char* kSampleHex =
    "e00100000100000002000000616205010200000001000000020000003c40000003000000040000003d4100"
    "00000000000000000000000000000000000000000000000000010000000000000020a1070001000000070000"
    "00020000007879";

std::string hex(const std::string& bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

TEST(SymusicState, WritesSymusicsLayout) { EXPECT_EQ(hex(to_symusic_state(sample())), kSampleHex); }

TEST(SymusicState, RoundTrips) {
  Score s = sample();
  s.tracks[0].controls.push_back({1, 7, 100});
  s.tracks[0].pitch_bends.push_back({2, -8192});
  s.tracks[0].pedals.push_back({3, 40});
  s.tracks[0].lyrics.push_back({4, "la"});
  s.time_signatures.push_back({5, 3, 8});
  s.key_signatures.push_back({6, -3, 1});
  s.tracks.push_back(Track{});
  EXPECT_EQ(from_symusic_state(to_symusic_state(s)), s);
  EXPECT_EQ(track_from_symusic_state(track_to_symusic_state(s.tracks[0])), s.tracks[0]);
}

TEST(SymusicState, MalformedRaises) {
  const std::string state = to_symusic_state(sample());
  for (std::size_t n = 0; n < state.size(); ++n) {
    EXPECT_THROW(from_symusic_state(state.substr(0, n)), MidiError) << n;
  }
  EXPECT_THROW(from_symusic_state(state + "x"), MidiError);
  std::string huge = state;
  huge[4] = '\xff';  // a track count far beyond the bytes
  EXPECT_THROW(from_symusic_state(huge), MidiError);
}

}  // namespace
}  // namespace miditok
