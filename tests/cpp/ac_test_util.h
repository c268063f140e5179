// Helpers shared by the C++ tests of attribute controls inside tokenization: a tokenizer
// config with two controls and a one-track score of two bars.
#pragma once

#include "miditok/score/score.h"
#include "miditok/tokenizer/config.h"

namespace miditok::test {

/// A config with BarPitchClass and TrackNoteDensity (max 3) on.
inline TokenizerConfig ac_config() {
  TokenizerConfig c;
  c.ac_pitch_class_bar = true;
  c.ac_note_density_track = true;
  c.ac_note_density_track_max = 3;
  c.finalize();
  return c;
}

/// One track at 8 ticks a quarter: a two-note chord at 0, one note in the second bar.
inline Score two_bars() {
  Score s;
  s.ticks_per_quarter = 8;
  Track t;
  t.notes = {{0, 8, 60, 100}, {0, 8, 64, 100}, {36, 4, 67, 90}};
  s.tracks.push_back(t);
  return s;
}

}  // namespace miditok::test
