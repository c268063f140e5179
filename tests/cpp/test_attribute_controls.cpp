// Attribute controls on hand-built tracks: tokens, values, and the MidiTok bugs fixed here; and
// inside the tokenizer: their vocabulary and where encode puts their tokens.
#include <gtest/gtest.h>

#include <set>

#include "ac_test_util.h"
#include "miditok/attribute_controls/attribute_controls.h"
#include "miditok/core/error.h"
#include "miditok/tokenizers/remi.h"
#include "miditok/tokenizers/tsd.h"

namespace miditok {
namespace {

Track make_track(std::vector<Note> notes) {
  Track t;
  t.notes = std::move(notes);
  return t;
}

std::vector<std::string> tokens_of(const std::vector<AcEvent>& events) {
  std::vector<std::string> out;
  for (const auto& e : events) out.push_back(e.token());
  return out;
}

// 4/4 at 480 tpq: bars every 1920 ticks.
const std::vector<tick_t> kBars = {0, 1920, 3840, 5760};
const std::vector<tick_t> kBeats = {};

TEST(AttributeControls, TokensMatchMidiTok) {
  EXPECT_EQ(TrackOnsetPolyphony(1, 2).tokens(),
            (std::vector<std::string>{"ACTrackOnsetPolyphonyMin_1", "ACTrackOnsetPolyphonyMin_2",
                                      "ACTrackOnsetPolyphonyMax_1", "ACTrackOnsetPolyphonyMax_2"}));
  EXPECT_EQ(TrackNoteDensity(0, 2).tokens(),
            (std::vector<std::string>{"ACTrackNoteDensityMin_0", "ACTrackNoteDensityMin_1",
                                      "ACTrackNoteDensityMax_0", "ACTrackNoteDensityMax_1",
                                      "ACTrackNoteDensityMin_2+", "ACTrackNoteDensityMax_2+"}));
  EXPECT_EQ(TrackNoteDuration().tokens().size(), 12u);
  EXPECT_EQ(TrackNoteDuration().tokens()[10], "ACTrackNoteDurationThirtySecond_0");
  const auto rep = TrackRepetition(10, 4, {21, 109}).tokens();
  ASSERT_EQ(rep.size(), 10u);
  EXPECT_EQ(rep[1], "ACTrackRepetition_0.11");
  EXPECT_EQ(rep[9], "ACTrackRepetition_1.00");
  EXPECT_EQ(BarNoteDensity(3).tokens(),
            (std::vector<std::string>{"ACBarNoteDensity_0", "ACBarNoteDensity_1",
                                      "ACBarNoteDensity_2", "ACBarNoteDensity_3+"}));
  EXPECT_EQ(BarPitchClass().tokens().back(), "ACBarPitchClass_11");
}

TEST(AttributeControls, FactoryOrderFollowsMidiTok) {
  AttributeControlsParams p;
  EXPECT_FALSE(any_attribute_control_enabled(p));
  EXPECT_TRUE(create_attribute_controls(p).empty());
  p.ac_polyphony_track = p.ac_polyphony_bar = p.ac_pitch_class_bar = p.ac_note_density_track =
      p.ac_note_density_bar = p.ac_note_duration_bar = p.ac_note_duration_track =
          p.ac_repetition_track = true;
  const auto acs = create_attribute_controls(p);
  std::vector<std::string> names;
  for (const auto& ac : acs) names.emplace_back(ac->name());
  EXPECT_EQ(names,
            (std::vector<std::string>{"TrackOnsetPolyphony", "BarOnsetPolyphony", "BarPitchClass",
                                      "TrackNoteDensity", "BarNoteDensity", "BarNoteDuration",
                                      "TrackNoteDuration", "TrackRepetition"}));
}

TEST(AttributeControls, OnsetPolyphonyMinIsTheRealMinimum) {
  // MidiTok bug: ACTrackOnsetPolyphonyMin always equals polyphony_min. Onsets of 2 and 3 notes.
  const Track t = make_track({{0, 480, 60, 90},
                              {0, 480, 64, 90},
                              {480, 480, 60, 90},
                              {480, 480, 64, 90},
                              {480, 480, 67, 90}});
  const auto ev = TrackOnsetPolyphony(1, 6).compute(t, 480, kBars, kBeats, {});
  EXPECT_EQ(tokens_of(ev),
            (std::vector<std::string>{"ACTrackOnsetPolyphonyMin_2", "ACTrackOnsetPolyphonyMax_3"}));
  EXPECT_EQ(ev[0].time, -1);
  // Clamped to [min, max].
  EXPECT_EQ(tokens_of(TrackOnsetPolyphony(1, 2).compute(t, 480, kBars, kBeats, {})),
            (std::vector<std::string>{"ACTrackOnsetPolyphonyMin_2", "ACTrackOnsetPolyphonyMax_2"}));
}

TEST(AttributeControls, ThirtySecondDurationsAreEmitted) {
  // MidiTok bug: six names, five factors, so ...ThirtySecond_* never appears. 60 = 480 / 8.
  const Track t = make_track({{0, 60, 60, 90}, {480, 1920, 62, 90}});
  EXPECT_EQ(tokens_of(TrackNoteDuration().compute(t, 480, kBars, kBeats, {})),
            (std::vector<std::string>{"ACTrackNoteDurationWhole_1", "ACTrackNoteDurationHalf_0",
                                      "ACTrackNoteDurationQuarter_0", "ACTrackNoteDurationEight_0",
                                      "ACTrackNoteDurationSixteenth_0",
                                      "ACTrackNoteDurationThirtySecond_1"}));
  // An odd time division has no exact thirty-second.
  EXPECT_EQ(TrackNoteDuration().compute(t, 481, kBars, kBeats, {}).back().value, "0");
}

TEST(AttributeControls, TrackNoteDensityCountsEveryBar) {
  // Bars: 2 notes, 0 notes, 3 notes (+ one past the last bar tick, up to the track end).
  const Track t = make_track({{0, 10, 60, 90},
                              {100, 10, 60, 90},
                              {3840, 10, 60, 90},
                              {3900, 10, 60, 90},
                              {5760, 10, 60, 90},
                              {6000, 10, 60, 90}});
  EXPECT_EQ(tokens_of(TrackNoteDensity(0, 18).compute(t, 480, kBars, kBeats, {})),
            (std::vector<std::string>{"ACTrackNoteDensityMin_0", "ACTrackNoteDensityMax_2"}));
  EXPECT_EQ(tokens_of(TrackNoteDensity(0, 2).compute(t, 480, {kBars.data(), 1}, kBeats, {})),
            (std::vector<std::string>{"ACTrackNoteDensityMin_2+", "ACTrackNoteDensityMax_2+"}));
}

TEST(AttributeControls, BarControlsOnEveryBarWithNotes) {
  // Bar 0: C E G at 0 and D at 960; bar 1: one note (MidiTok skips 1-note bars); bar 2: empty.
  const Track t = make_track({{0, 480, 60, 90},
                              {0, 480, 64, 90},
                              {0, 480, 67, 90},
                              {960, 240, 74, 90},
                              {2000, 60, 61, 90},
                              {5800, 1920, 72, 90}});
  const std::vector<int> all = {0, 1, 2, 3};
  const auto pcs = BarPitchClass().compute(t, 480, kBars, kBeats, all);
  EXPECT_EQ(tokens_of(pcs), (std::vector<std::string>{"ACBarPitchClass_0", "ACBarPitchClass_2",
                                                      "ACBarPitchClass_4", "ACBarPitchClass_7",
                                                      "ACBarPitchClass_1", "ACBarPitchClass_0"}));
  EXPECT_EQ(pcs[0].time, 0);
  EXPECT_EQ(pcs[4].time, 1920);
  EXPECT_EQ(pcs[5].time, 5760);
  EXPECT_EQ(tokens_of(BarNoteDensity(3).compute(t, 480, kBars, kBeats, all)),
            (std::vector<std::string>{"ACBarNoteDensity_3+", "ACBarNoteDensity_1",
                                      "ACBarNoteDensity_1"}));
  EXPECT_EQ(tokens_of(BarOnsetPolyphony(1, 6).compute(t, 480, kBars, kBeats, {all.data(), 1})),
            (std::vector<std::string>{"ACBarOnsetPolyphonyMin_1", "ACBarOnsetPolyphonyMax_3"}));
  const auto durs = BarNoteDuration().compute(t, 480, kBars, kBeats, all);
  ASSERT_EQ(durs.size(), 18u);
  EXPECT_EQ(durs[2].token(), "ACBarNoteDurationQuarter_1");
  EXPECT_EQ(durs[3].token(), "ACBarNoteDurationEight_1");
  EXPECT_EQ(durs[4].token(), "ACBarNoteDurationSixteenth_0");
  EXPECT_EQ(durs[11].token(), "ACBarNoteDurationThirtySecond_1");
  EXPECT_EQ(durs[12].token(), "ACBarNoteDurationWhole_1");
}

TEST(AttributeControls, BarSubsetCountsOnlyItsOwnBar) {
  // MidiTok bug: computing bar 2 alone also counts the notes of the skipped bars 0 and 1.
  const Track t = make_track({{0, 480, 60, 90},
                              {480, 480, 61, 90},
                              {1920, 480, 62, 90},
                              {2400, 480, 63, 90},
                              {3840, 480, 64, 90},
                              {4320, 480, 65, 90}});
  const std::vector<int> only_2 = {2};
  EXPECT_EQ(tokens_of(BarNoteDensity(18).compute(t, 480, kBars, kBeats, only_2)),
            (std::vector<std::string>{"ACBarNoteDensity_2"}));
  EXPECT_EQ(tokens_of(BarPitchClass().compute(t, 480, kBars, kBeats, only_2)),
            (std::vector<std::string>{"ACBarPitchClass_4", "ACBarPitchClass_5"}));
  // Unsorted notes give the same result.
  Track shuffled = t;
  std::swap(shuffled.notes[0], shuffled.notes[5]);
  EXPECT_EQ(BarPitchClass().compute(shuffled, 480, kBars, kBeats, only_2),
            BarPitchClass().compute(t, 480, kBars, kBeats, only_2));
}

TEST(AttributeControls, EmptyTrackGivesNoEventsInsteadOfCrashing) {
  const Track t;
  const std::vector<int> all = {0, 1};
  for (const auto& ac : create_attribute_controls(
           {true, true, 1, 6, true, false, 0, 18, true, 18, true, false, true, 10, 4})) {
    EXPECT_TRUE(ac->compute(t, 480, kBars, kBeats, all).empty()) << ac->name();
  }
}

TEST(AttributeControls, RepetitionOfIdenticalBarsIsOne) {
  std::vector<Note> notes;
  for (int bar = 0; bar < 3; ++bar) {
    for (int k = 0; k < 4; ++k) notes.push_back({bar * 1920 + k * 480, 240, 60, 90});
  }
  // A final note so the last compared bar has its full length.
  notes.push_back({5760 + 1919, 1, 40, 90});
  const Track t = make_track(notes);
  const auto ev = TrackRepetition(10, 4, {21, 109}).compute(t, 480, kBars, kBeats, {});
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].token(), "ACTrackRepetition_1.00");
}

TEST(AttributeControls, ComputeTrackFollowsIndexOrderAndSkipsEmptyBarLists) {
  AttributeControlsParams p;
  p.ac_polyphony_track = p.ac_note_density_bar = p.ac_note_duration_track = true;
  const auto acs = create_attribute_controls(p);  // [polyphony track, density bar, duration track]
  const Track t = make_track({{0, 480, 60, 90}, {0, 480, 64, 90}});
  const TrackAcIndexes idx = {{2, {}}, {1, {}}, {0, {}}};
  const auto ev = compute_track_attribute_controls(acs, idx, t, 480, kBars, kBeats);
  ASSERT_EQ(ev.size(), 8u);
  EXPECT_EQ(ev[0].type, "ACTrackNoteDurationWhole");
  EXPECT_EQ(ev[6].type, "ACTrackOnsetPolyphonyMin");
  EXPECT_THROW(compute_track_attribute_controls(acs, {{3, {}}}, t, 480, kBars, kBeats),
               ConfigError);
}

TEST(AttributeControls, RandomIndexesAreSeededAndSized) {
  AttributeControlsParams p;
  p.ac_polyphony_track = p.ac_note_density_track = p.ac_note_duration_track = true;
  p.ac_pitch_class_bar = p.ac_note_density_bar = true;
  const auto acs = create_attribute_controls(p);
  Score s;
  s.tracks.push_back(make_track({{0, 10, 60, 90}, {5000, 10, 60, 90}}));
  s.tracks.push_back(make_track({{0, 10, 60, 90}}));
  const auto a =
      create_random_ac_indexes(s, acs, RatioRange{1.0, 1.0}, RatioRange{0.5, 0.5}, kBars, 7);
  const auto b =
      create_random_ac_indexes(s, acs, RatioRange{1.0, 1.0}, RatioRange{0.5, 0.5}, kBars, 7);
  EXPECT_EQ(a, b);
  ASSERT_EQ(a.size(), 2u);
  // Track 0 ends at 5010: bars 0-2, round(1.5) = 2 bars; track 1 ends at 10: 1 bar, round(0.5)=0.
  const auto& t0 = a.at(0);
  ASSERT_EQ(t0.size(), 5u);
  std::set<int> track_acs;
  for (int i = 0; i < 3; ++i) track_acs.insert(t0[static_cast<std::size_t>(i)].first);
  EXPECT_EQ(track_acs.size(), 3u);
  EXPECT_EQ(t0[3].second.size(), 2u);
  EXPECT_TRUE(std::is_sorted(t0[3].second.begin(), t0[3].second.end()));
  EXPECT_TRUE(a.at(1)[3].second.empty());
  const auto none = create_random_ac_indexes(s, acs, std::nullopt, std::nullopt, kBars, 7);
  EXPECT_TRUE(none.at(0).empty());
}

// ---- inside the tokenizer ----
using test::ac_config;
using test::two_bars;

TEST(TokenizerAttributeControls, VocabularyEndsWithTheControlsTokens) {
  REMI plain;
  REMI tok(ac_config());
  ASSERT_EQ(tok.attribute_controls().size(), 2u);
  EXPECT_EQ(tok.attribute_controls()[0]->name(), "BarPitchClass");
  EXPECT_EQ(tok.attribute_controls()[1]->name(), "TrackNoteDensity");
  ASSERT_EQ(tok.vocab_size(), plain.vocab_size() + 12 + 8);
  EXPECT_EQ(tok.id_to_token(static_cast<token_id_t>(plain.vocab_size())), "ACBarPitchClass_0");
  EXPECT_EQ(tok.tokens().back(), "ACTrackNoteDensityMax_3+");
  EXPECT_EQ(tok.tokens_types_graph(), plain.tokens_types_graph());  // as MidiTok: untouched
}

TEST(TokenizerAttributeControls, RemiPutsTrackControlsFirstAndBarControlsAfterBar) {
  REMI tok(ac_config());
  const AcIndexes indexes = {{0, {{1, {}}, {0, {kAllBars}}}}};
  const auto seqs = tok.encode(two_bars(), false, true, indexes);
  ASSERT_EQ(seqs.size(), 1u);
  EXPECT_EQ(seqs[0].tokens, (std::vector<std::string>{"ACTrackNoteDensityMin_1",
                                                      "ACTrackNoteDensityMax_2",
                                                      "Bar_None",
                                                      "TimeSig_4/4",
                                                      "ACBarPitchClass_0",
                                                      "ACBarPitchClass_4",
                                                      "Position_0",
                                                      "Pitch_60",
                                                      "Velocity_99",
                                                      "Duration_1.0.8",
                                                      "Pitch_64",
                                                      "Velocity_99",
                                                      "Duration_1.0.8",
                                                      "Bar_None",
                                                      "TimeSig_4/4",
                                                      "ACBarPitchClass_7",
                                                      "Position_4",
                                                      "Pitch_67",
                                                      "Velocity_91",
                                                      "Duration_0.4.8"}));
  // Ids without tokens are the same; decode ignores the controls.
  const auto ids_only = tok.encode(two_bars(), false, false, indexes);
  EXPECT_EQ(ids_only[0].ids, seqs[0].ids);
  EXPECT_EQ(tok.decode(seqs).tracks[0].notes, tok.decode(tok.encode(two_bars())).tracks[0].notes);
}

TEST(TokenizerAttributeControls, TsdSubsetOfBarsAndBadIndexes) {
  TSD tok(ac_config());
  const auto seqs = tok.encode(two_bars(), false, true, {{0, {{0, {1}}}}});
  EXPECT_EQ(seqs[0].tokens,
            (std::vector<std::string>{"TimeSig_4/4", "Pitch_60", "Velocity_99", "Duration_1.0.8",
                                      "Pitch_64", "Velocity_99", "Duration_1.0.8",
                                      "TimeShift_4.0.4", "ACBarPitchClass_7", "TimeShift_0.4.8",
                                      "Pitch_67", "Velocity_91", "Duration_0.4.8"}));
  EXPECT_THROW(tok.encode(two_bars(), false, true, {{0, {{2, {}}}}}), ConfigError);
  // Negative indexes count from the end; unknown tracks are ignored.
  EXPECT_EQ(tok.encode(two_bars(), false, true, {{0, {{-1, {}}}}, {5, {{0, {0}}}}})[0].tokens[0],
            "ACTrackNoteDensityMin_1");
}

TEST(TokenizerAttributeControls, NoneInOneStreamMode) {
  TokenizerConfig c = ac_config();
  c.use_programs = true;
  c.one_token_stream_for_programs = true;
  c.finalize();
  REMI tok(c);
  EXPECT_TRUE(tok.attribute_controls().empty());
  EXPECT_FALSE(tok.config().ac_pitch_class_bar);
  EXPECT_FALSE(tok.has_token("ACBarPitchClass_0"));
  EXPECT_THROW(tok.encode(two_bars(), false, true, {{0, {{0, {0}}}}}), ConfigError);
}

TEST(TokenizerAttributeControls, AddedControlExtendsTheVocabulary) {
  REMI tok;
  const auto before = tok.vocab_size();
  tok.add_attribute_control(std::make_shared<BarNoteDensity>(4));
  EXPECT_EQ(tok.vocab_size(), before + 5);
  REMI copy = tok;  // copies share the (immutable) controls
  const auto seqs = copy.encode(two_bars(), false, true, {{0, {{0, {0, 1}}}}});
  EXPECT_EQ(seqs[0].tokens[2], "ACBarNoteDensity_2");
}

}  // namespace
}  // namespace miditok
