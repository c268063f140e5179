// TSD, MIDILike and Structured on hand-built scores: tokens, round trips, FIFO pairing,
// max_duration, one TimeShift per note, and random ids that never crash the decoders.
#include <gtest/gtest.h>

#include <random>

#include "miditok/core/error.h"
#include "miditok/tokenizers/midi_like.h"
#include "miditok/tokenizers/structured.h"
#include "miditok/tokenizers/tsd.h"

namespace miditok {
namespace {

Score one_track(std::initializer_list<Note> notes, int tpq = 8) {
  Score s;
  s.ticks_per_quarter = tpq;
  Track t;
  t.notes = notes;
  s.tracks.push_back(t);
  return s;
}

TEST(Tsd, TimeShiftsAreGreedy) {
  TSD tok;
  // 8 tpq: a gap of 12.5 beats is the largest value, TimeShift_12.0.4, then TimeShift_0.4.8.
  auto seqs = tok.encode(one_track({{0, 8, 60, 100}, {100, 4, 64, 90}}));
  ASSERT_EQ(seqs.size(), 1u);
  EXPECT_EQ(seqs[0].tokens,
            (std::vector<std::string>{"TimeSig_4/4", "Pitch_60", "Velocity_99", "Duration_1.0.8",
                                      "TimeShift_12.0.4", "TimeShift_0.4.8", "Pitch_64",
                                      "Velocity_91", "Duration_0.4.8"}));
}

TEST(Tsd, RoundTrip) {
  TokenizerConfig c;
  c.use_programs = true;
  c.use_time_signatures = false;
  c.use_rests = true;
  c.finalize();
  TSD tok(c);
  const int td = tok.time_division();
  Score s = one_track({{0, td, 60, 99}, {td, td / 2, 62, 91}, {25 * td, 2 * td, 67, 63}}, td);
  s.tracks[0].program = 5;
  auto seqs = tok.encode(s);
  Score d = tok.decode(seqs);
  ASSERT_EQ(d.tracks.size(), 1u);
  EXPECT_EQ(d.tracks[0].program, 5);
  EXPECT_EQ(d.tracks[0].notes, s.tracks[0].notes);
}

TEST(MidiLike, NoteOffPairsFirstInFirstOut) {
  TokenizerConfig c;
  c.set_additional("max_duration", "[1, 0, 8]");
  c.finalize();
  MIDILike tok(c);
  std::vector<std::string> toks{"NoteOn_60",  "Velocity_63",     "TimeShift_0.4.8",
                                "NoteOn_60",  "Velocity_95",     "TimeShift_0.4.8",
                                "NoteOff_60", "TimeShift_2.0.8", "NoteOff_60",
                                "NoteOn_62",  "Velocity_31"};
  TokSequence seq;
  seq.tokens = toks;
  Score d = tok.decode({seq});
  ASSERT_EQ(d.tracks.size(), 1u);
  const auto& n = d.tracks[0].notes;
  const tick_t td = tok.time_division();  // TimeShift_0.4.8 is td / 2 ticks
  ASSERT_EQ(n.size(), 3u);
  EXPECT_EQ(n[0], (Note{0, td, 60, 63}));       // ended by the first NoteOff
  EXPECT_EQ(n[1], (Note{td / 2, td, 60, 95}));  // 2.5 beats capped at max_duration
  EXPECT_EQ(n[2], (Note{3 * td, td, 62, 31}));  // never ended: max_duration
}

TEST(MidiLike, EncodesNoteOnOff) {
  MIDILike tok;
  auto seqs = tok.encode(one_track({{0, 8, 60, 100}, {4, 8, 64, 90}}));
  EXPECT_EQ(seqs[0].tokens,
            (std::vector<std::string>{"TimeSig_4/4", "NoteOn_60", "Velocity_99", "TimeShift_0.4.8",
                                      "NoteOn_64", "Velocity_91", "TimeShift_0.4.8", "NoteOff_60",
                                      "TimeShift_0.4.8", "NoteOff_64"}));
}

TEST(Structured, OneTimeShiftPerNote) {
  Structured tok;
  auto seqs = tok.encode(one_track({{0, 8, 60, 100}, {0, 8, 64, 100}, {8, 4, 67, 90}}));
  EXPECT_EQ(seqs[0].tokens, (std::vector<std::string>{
                                "TimeShift_0.0.1", "Pitch_60", "Velocity_99", "Duration_1.0.8",
                                "TimeShift_0.0.1", "Pitch_64", "Velocity_99", "Duration_1.0.8",
                                "TimeShift_1.0.8", "Pitch_67", "Velocity_91", "Duration_0.4.8"}));
  EXPECT_FALSE(tok.config().use_tempos);
  EXPECT_FALSE(tok.config().use_time_signatures);
}

TEST(Decoders, RandomIdsNeverCrash) {
  TokenizerConfig c;
  c.use_programs = true;
  c.use_rests = c.use_tempos = c.use_time_signatures = c.use_sustain_pedals = true;
  c.use_pitch_bends = c.use_pitch_intervals = c.use_chords = c.use_key_signatures = true;
  c.set_additional("max_duration", "[4, 0, 8]");
  c.finalize();
  std::vector<std::unique_ptr<MusicTokenizer>> toks;
  toks.push_back(std::make_unique<TSD>(c));
  toks.push_back(std::make_unique<MIDILike>(c));
  toks.push_back(std::make_unique<Structured>(c));
  TokenizerConfig per_track = c;
  per_track.one_token_stream_for_programs = false;
  per_track.finalize();
  toks.push_back(std::make_unique<TSD>(per_track));
  toks.push_back(std::make_unique<MIDILike>(per_track));
  std::mt19937 rng(7);
  for (const auto& tok : toks) {
    std::uniform_int_distribution<int> id(0, static_cast<int>(tok->vocab_size()) - 1);
    for (int trial = 0; trial < 200; ++trial) {
      std::vector<TokSequence> seqs(tok->one_token_stream() ? 1 : 2);
      for (auto& s : seqs)
        for (int k = 0; k < 64; ++k) s.ids.push_back(id(rng));
      EXPECT_NO_THROW((void)tok->decode(seqs)) << tok->class_name();
    }
  }
}

}  // namespace
}  // namespace miditok
