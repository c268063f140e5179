#include <gtest/gtest.h>

#include <span>

#include "midi_test_util.h"
#include "miditok/midi/midi_reader.h"
#include "miditok/midi/midi_writer.h"

namespace miditok {
namespace {

Score reread(const std::vector<std::uint8_t>& bytes) {
  return read_midi(std::span<const std::uint8_t>(bytes), "written.mid");
}

TEST(MidiWriter, RoundTripsEveryCorpusFile) {
  for (const auto& f : test::corpus_midi_files()) {
    const Score s = read_midi_file(f.string());
    EXPECT_EQ(reread(write_midi(s)), s) << f;
  }
}

TEST(MidiWriter, EmptyScoreAndGlobalsOnly) {
  Score s;
  s.ticks_per_quarter = 96;
  const auto bytes = write_midi(s);
  ASSERT_EQ(bytes.size(), 14u);
  EXPECT_EQ(bytes[11], 0);  // no track
  s.tempos.push_back(Tempo{0, 400000});
  s.time_signatures.push_back(TimeSignature{0, 3, 4});
  EXPECT_EQ(reread(write_midi(s)), s);
}

TEST(MidiWriter, ChannelsSkipDrumChannelAndNotesAreOrdered) {
  Score s;
  for (int i = 0; i < 11; ++i) {
    Track t;
    t.program = static_cast<std::uint8_t>(i);
    t.notes = {Note{10, 5, 60, 80}, Note{0, 20, 62, 70}, Note{10, 0, 64, 60}};
    s.tracks.push_back(t);
  }
  s.tracks[3].is_drum = true;
  const Score back = reread(write_midi(s));
  ASSERT_EQ(back.tracks.size(), 11u);
  for (const auto& t : back.tracks) {
    ASSERT_EQ(t.notes.size(), 3u);
    EXPECT_EQ(t.notes[0], (Note{0, 20, 62, 70}));  // sorted by onset when written
  }
  EXPECT_TRUE(back.tracks[3].is_drum);
  EXPECT_EQ(back.tracks[9].is_drum, false);  // track 9 goes to channel 10, not the drum channel
}

TEST(MidiWriter, WritesFiles) {
  const auto path = test::scratch_path("miditok_writer_test.mid");
  Score s;
  s.tracks.push_back(Track{});
  s.tracks[0].notes.push_back(Note{0, 10, 60, 64});
  write_midi_file(s, path.string());
  EXPECT_EQ(read_midi_file(path.string()), s);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace miditok
