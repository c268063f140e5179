// Test of preprocess/pipeline.h against MusicTokenizer.preprocess_score (miditok 3.1.0, REMI with
// TS 4/4 and 6/8, tempos, pedals, duplicate removal) on a small score already at tpq 16.
#include <gtest/gtest.h>

#include <cmath>

#include "miditok/preprocess/pipeline.h"

namespace miditok {
namespace {

ScorePreprocessParams remi_params() {
  ScorePreprocessParams p;
  p.use_time_signatures = true;
  p.max_num_pos_per_beat = 8;
  for (int v = 3; v <= 127; v += 4) p.velocity_bins.push_back(v);
  p.use_note_duration_programs.fill(true);
  // beat_res {(0, 4): 8, (4, 12): 4} at tpb 8 and 16.
  for (tick_t tpb : {8, 16}) {
    std::vector<std::int32_t> bins;
    for (int d = 1; d < 32; ++d) bins.push_back(d * tpb / 8);
    for (int d = 16; d <= 48; ++d) bins.push_back(d * tpb / 4);
    p.duration_bins.table.emplace_back(tpb, bins);
  }
  p.remove_duplicated_notes = true;
  p.use_sustain_pedals = true;
  p.use_tempos = true;
  for (int i = 0; i < 32; ++i) {
    const double qpm = std::nearbyint((40.0 + i * (210.0 / 31)) * 100) / 100;
    p.tempo_mspq_bins.insert(p.tempo_mspq_bins.begin(), 60000000.0 / qpm);
  }
  p.default_tempo = 121.29;
  return p;
}

TEST(Pipeline, MatchesMiditokPreprocessScore) {
  Score s;
  s.ticks_per_quarter = 16;
  s.time_signatures = {{0, 4, 4}, {32, 6, 8}};
  s.tempos = {{3, 500000}};
  Track t;
  t.notes = {{0, 5, 60, 100}, {0, 5, 60, 90}, {33, 7, 20, 80}, {65, 13, 64, 70}, {67, 3, 67, 33}};
  t.pedals = {{1, 9}, {5, 20}};
  s.tracks.push_back(t);
  Track empty;
  empty.program = 5;
  s.tracks.push_back(empty);
  const Score original = s;

  preprocess_resampled_score(s, original, remi_params());

  EXPECT_EQ(s.time_signatures, (std::vector<TimeSignature>{{0, 4, 4}, {64, 6, 8}}));
  EXPECT_EQ(s.tempos, (std::vector<Tempo>{{0, 494682}, {4, 494682}}));
  ASSERT_EQ(s.tracks.size(), 1u);
  EXPECT_EQ(s.tracks[0].notes,
            (std::vector<Note>{{0, 6, 60, 91}, {65, 13, 64, 71}, {67, 3, 67, 35}}));
  EXPECT_EQ(s.tracks[0].pedals, (std::vector<Pedal>{{0, 24}}));
}

}  // namespace
// The hook points: a PreprocessSteps override replaces the notes and global-event steps only.
TEST(Pipeline, HookPointsReplaceTheirStepsOnly) {
  struct KeepNotesAndGlobals final : PreprocessSteps {
    void notes(std::vector<Note>& notes, const NotePreprocessParams&) const override {
      ++calls;
      (void)notes;
    }
    void global_events(Score&, const ScorePreprocessParams&,
                       std::span<const TickSection>) const override {
      ++calls;
    }
    mutable int calls = 0;
  };
  Score s;
  s.ticks_per_quarter = 8;
  s.tempos = {{3, 500000}};
  Track t;
  t.notes = {{1, 5, 60, 100}, {33, 7, 20, 80}};
  s.tracks.push_back(t);
  const KeepNotesAndGlobals steps;
  ScorePreprocessParams p = remi_params();
  p.use_time_signatures = false;
  const Score out = preprocess_score(s, p, steps);
  EXPECT_EQ(steps.calls, 2);
  EXPECT_EQ(out.tempos, s.tempos);                    // untouched: the hook did nothing
  EXPECT_EQ(out.tracks[0].notes, s.tracks[0].notes);  // pitch 20 kept, velocities unbinned
  // The default steps bin them.
  const Score def = preprocess_score(s, p);
  EXPECT_NE(def.tempos, s.tempos);
  EXPECT_EQ(def.tracks[0].notes.size(), 1u);  // pitch 20 is out of the range
}

}  // namespace miditok
