// Tests of tokenizer/chords.h against miditok.utils.detect_chords (miditok 3.1.0).
#include <gtest/gtest.h>

#include <tuple>

#include "miditok/tokenizer/chords.h"

namespace miditok {
namespace {

std::vector<Note> chord_notes() {
  std::vector<Note> notes;
  for (auto [t, d, p] : std::vector<std::tuple<int, int, int>>{
           {0, 8, 60},  {0, 8, 64},  {0, 8, 67},  {8, 8, 62},   {9, 8, 65},
           {8, 8, 69},  {16, 2, 60}, {17, 2, 63}, {16, 2, 66},  {24, 8, 60},
           {24, 8, 61}, {24, 8, 62}, {32, 8, 48}, {32, 20, 52}, {32, 8, 55},
           {40, 8, 50}, {40, 8, 54}, {40, 8, 57}, {40, 8, 60},  {40, 8, 64}}) {
    notes.push_back(Note{t, d, static_cast<std::int8_t>(p), 100});
  }
  return notes;
}

std::vector<std::pair<tick_t, std::string>> summary(const std::vector<ChordEvent>& ev) {
  std::vector<std::pair<tick_t, std::string>> out;
  for (const auto& e : ev) out.emplace_back(e.time, e.value);
  return out;
}

using Summary = std::vector<std::pair<tick_t, std::string>>;

TEST(Chords, DefaultMapsAndRootNames) {
  const auto notes = chord_notes();
  const std::vector<TickSection> tpb{{1000, 8}};
  ChordDetectionParams p;
  p.beat_res = 8;
  const auto ev = detect_chords(notes, tpb, default_chord_maps(), p);
  EXPECT_EQ(summary(ev), (Summary{{0, "C:maj"}, {8, "D:min"}, {40, "D:9maj"}}));
  EXPECT_EQ(ev[2].intervals, (std::vector<int>{0, 4, 7, 10, 14}));
  p.specify_root_note = false;
  EXPECT_EQ(summary(detect_chords(notes, tpb, default_chord_maps(), p)),
            (Summary{{0, "maj"}, {8, "min"}, {40, "9maj"}}));
}

TEST(Chords, UnknownChords) {
  const auto notes = chord_notes();
  ChordDetectionParams p;
  p.beat_res = 8;
  p.unknown_chords_num_notes_range = std::pair{3, 6};
  EXPECT_EQ(
      summary(detect_chords(notes, std::vector<TickSection>{{1000, 8}}, default_chord_maps(), p)),
      (Summary{{0, "C:maj"}, {8, "D:min"}, {24, "C:ukn3"}, {40, "D:9maj"}}));
}

TEST(Chords, SeveralSectionsAndReuse) {
  const auto notes = chord_notes();
  std::vector<ChordEvent> out{ChordEvent{}};
  detect_chords(notes, std::vector<TickSection>{{16, 8}, {1000, 4}}, default_chord_maps(),
                ChordDetectionParams{}, out);
  EXPECT_EQ(summary(out), (Summary{{0, "C:maj"}, {8, "D:min"}, {40, "D:9maj"}}));
  detect_chords(std::span<const Note>(), std::vector<TickSection>{{16, 8}}, default_chord_maps(),
                ChordDetectionParams{}, out);
  EXPECT_TRUE(out.empty());
}

}  // namespace
}  // namespace miditok
