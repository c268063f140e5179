#include <gtest/gtest.h>

#include <random>
#include <span>

#include "midi_test_util.h"
#include "miditok/core/error.h"
#include "miditok/midi/midi_reader.h"
#include "miditok/midi/midi_writer.h"

namespace miditok {
namespace {

using test::Bytes;

Score parse(const Bytes& b) { return read_midi(std::span<const std::uint8_t>(b), "test.mid"); }

Bytes file_bytes(const std::filesystem::path& p) {
  const std::string s = read_file_bytes(p.string());
  return Bytes(s.begin(), s.end());
}

TEST(MidiReader, ReadsEveryCorpusFile) {
  const auto files = test::corpus_midi_files();
  ASSERT_GE(files.size(), 29u);
  std::size_t notes = 0;
  for (const auto& f : files) {
    const Score s = read_midi_file(f.string());
    EXPECT_GT(s.ticks_per_quarter, 0) << f;
    for (const auto& t : s.tracks) notes += t.notes.size();
    EXPECT_EQ(parse(file_bytes(f)), s) << f;
  }
  EXPECT_GT(notes, 10000u);
}

TEST(MidiReader, CorruptedCorpusFileRaisesWithOffset) {
  const std::string path =
      (test::corpus_dir() / "corrupted" / "ValueError_Control168.mid").string();
  try {
    read_midi_file(path);
    FAIL() << "expected MidiError";
  } catch (const MidiError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("ValueError_Control168.mid"), std::string::npos) << what;
    EXPECT_NE(what.find("at byte"), std::string::npos) << what;
  }
}

TEST(MidiReader, MissingFileIsIoError) {
  EXPECT_THROW(read_midi_file("/nonexistent/x.mid"), IoError);
}

TEST(MidiReader, RejectsBadHeaders) {
  EXPECT_THROW(parse(Bytes{'M', 'T', 'h', 'd'}), MidiError);
  Bytes good = test::smf({test::track_chunk({})});
  EXPECT_NO_THROW(parse(good));
  Bytes bad = good;
  bad[0] = 'X';
  EXPECT_THROW(parse(bad), MidiError);
  bad = good;
  bad[7] = 7;  // header length
  EXPECT_THROW(parse(bad), MidiError);
  bad = good;
  bad[9] = 3;  // format
  EXPECT_THROW(parse(bad), MidiError);
  bad = good;
  bad[12] = 0xE7;  // SMPTE division
  EXPECT_THROW(parse(bad), MidiError);
}

TEST(MidiReader, NotePairingIsFifoAndPedalsFollowSymusic) {
  const Bytes file = test::smf({test::track_chunk({
      {0, {0x90, 60, 100}},
      {10, {0x90, 60, 90}},
      {5, {0x80, 60, 0}},    // closes the first (oldest) note
      {5, {0x90, 60, 0}},    // velocity 0: closes the second
      {0, {0x90, 61, 50}},   // never closed: dropped
      {0, {0xB1, 64, 127}},  // channel 1 pedal on: ignored (its pedal state starts at 0)
      {10, {0xB1, 64, 0}},   // pedal from tick 0
      {0, {0x91, 40, 1}},
      {1, {0x81, 40, 0}},
  })});
  const Score s = parse(file);
  ASSERT_EQ(s.tracks.size(), 2u);
  const auto& notes = s.tracks[0].notes;
  ASSERT_EQ(notes.size(), 2u);
  EXPECT_EQ(notes[0], (Note{0, 15, 60, 100}));
  EXPECT_EQ(notes[1], (Note{10, 10, 60, 90}));
  ASSERT_EQ(s.tracks[1].pedals.size(), 1u);
  EXPECT_EQ(s.tracks[1].pedals[0], (Pedal{0, 30}));
  EXPECT_EQ(s.tracks[1].controls.size(), 2u);
}

TEST(MidiReader, NotesLeftOpenInAOneTrackChunkAreDropped) {
  const Bytes file = test::smf({test::track_chunk({
      {0, {0x90, 60, 100}},  // never closed
      {0, {0x90, 62, 90}},
      {5, {0x90, 64, 80}},  // never closed
      {5, {0x80, 62, 0}},
  })});
  const Score s = parse(file);
  ASSERT_EQ(s.tracks.size(), 1u);
  EXPECT_EQ(s.tracks[0].notes, (std::vector<Note>{{0, 10, 62, 90}}));
}

TEST(MidiReader, PedalsOfBufferedAndStragglerControlsKeepTheirOrder) {
  // The formal tracks' pedals are worked out after the chunk; a straggler's control (channel 0
  // under program 5, before its first note) must still see the pedal its channel pressed before.
  // Expected values: symusic 0.6.0 on the same bytes.
  const Bytes file = test::smf({test::track_chunk({
      {0, {0x90, 60, 100}},  // track program 0
      {0, {0xB0, 64, 127}},  // pressed at 0
      {5, {0xC0, 5}},
      {0, {0xB0, 64, 0}},    // straggler: released, pedal (0, 5)
      {0, {0xB0, 64, 100}},  // straggler: pressed at 5
      {5, {0x90, 62, 80}},   // track program 5, takes the straggler's controls and pedal
      {2, {0xB0, 64, 0}},    // pedal (5, 7)
      {0, {0xB0, 67, 127}},
      {2, {0xC0, 0}},
      {0, {0xB0, 64, 127}},  // pressed at 14
      {2, {0x80, 60, 0}},
      {0, {0x80, 62, 0}},
      {4, {0xB0, 64, 10}},  // pedal (14, 6)
      {0, {0x91, 70, 90}},
      {1, {0xB1, 64, 0}},  // channel 1 starts pressed at 0: pedal (0, 21)
      {1, {0x81, 70, 0}},
  })});
  const Score s = parse(file);
  ASSERT_EQ(s.tracks.size(), 3u);
  EXPECT_EQ(s.tracks[0].program, 0);
  EXPECT_EQ(s.tracks[0].pedals, (std::vector<Pedal>{{14, 6}}));
  EXPECT_EQ(s.tracks[0].controls.size(), 3u);
  EXPECT_EQ(s.tracks[1].program, 5);
  EXPECT_EQ(s.tracks[1].pedals, (std::vector<Pedal>{{0, 5}, {5, 7}}));
  EXPECT_EQ(s.tracks[1].controls.size(), 4u);
  EXPECT_EQ(s.tracks[2].pedals, (std::vector<Pedal>{{0, 21}}));
}

TEST(MidiReader, PedalPressedAtANegativeTimeLeavesThePedalUp) {
  // Ticks past 2^31 are negative times: a press there leaves symusic's pedal state "up", so the
  // release after it ends no pedal (symusic 0.6.0 gives the one pedal below).
  std::vector<std::pair<std::uint32_t, Bytes>> events = {{0, {0x90, 60, 100}},
                                                         {0, {0xB0, 64, 127}}};
  for (int i = 0; i < 9; ++i) events.push_back({0x0FFFFFFF, {0xB0, 67, 1}});
  events.push_back({0, {0xB0, 64, 0}});
  events.push_back({0, {0xB0, 64, 127}});
  events.push_back({1, {0xB0, 64, 0}});
  const Score s = parse(test::smf({test::track_chunk(events)}));
  ASSERT_EQ(s.tracks.size(), 1u);
  EXPECT_EQ(s.tracks[0].pedals, (std::vector<Pedal>{{0, -1879048201}}));
}

TEST(MidiReader, TruncationsAndMutationsOnlyRaiseMidiError) {
  const auto files = test::corpus_midi_files();
  std::mt19937 rng(1234);
  for (std::size_t i = 0; i < files.size(); i += 3) {
    const Bytes data = file_bytes(files[i]);
    for (std::size_t cut = 0; cut < data.size(); cut += 1 + data.size() / 97) {
      const Bytes prefix(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(cut));
      try {
        (void)parse(prefix);
      } catch (const MidiError&) {
      }
    }
    for (int round = 0; round < 40; ++round) {
      Bytes mutated = data;
      for (int k = 0; k < 8; ++k) {
        mutated[rng() % mutated.size()] = static_cast<std::uint8_t>(rng());
      }
      try {
        const Score s = parse(mutated);
        const auto written = write_midi(s);
        (void)parse(written);
      } catch (const MidiError&) {
      }
    }
  }
}

TEST(MidiReader, DeltaReadPastTheTrackEndThenRunningStatusRaises) {
  // The track's last byte starts a two-byte delta whose second byte lies after the track (still
  // in the file); the next byte is a running status whose data byte would be past the file's end.
  // A fuzz find (tests/fuzz/regressions/midi_reader): the reader went past the buffer.
  const Bytes file = {'M', 'T', 'h', 'd', 0, 0, 0, 6,    0,    0,    0,    1,    0,    0x60, 'M',
                      'T', 'r', 'k', 0,   0, 0, 5, 0x00, 0x90, 0x3C, 0x40, 0x81, 0x00, 0x3C};
  EXPECT_THROW(parse(file), MidiError);
}

TEST(MidiReader, HugeDeclaredLengthsDoNotAllocate) {
  // A track chunk declaring 4 GB, a meta declaring 256 MB: MidiError, not an allocation.
  Bytes file = test::smf({});
  file[11] = 1;
  file.insert(file.end(), {'M', 'T', 'r', 'k', 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0xFF, 0x01, 0xFF, 0xFF,
                           0xFF, 0x7F, 'a'});
  EXPECT_THROW(parse(file), MidiError);
}

TEST(MidiReader, SanitizesUtf8LikeUtfcpp) {
  EXPECT_EQ(sanitize_utf8("abc"), "abc");
  EXPECT_EQ(sanitize_utf8("caf\xC3\xA9"), "caf\xC3\xA9");
  EXPECT_EQ(sanitize_utf8("a\xFF"
                          "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(sanitize_utf8("\xE2\x82"), "\xEF\xBF\xBD");
  EXPECT_EQ(sanitize_utf8("\xC0\x80x"), "\xEF\xBF\xBDx");  // overlong
}

}  // namespace
}  // namespace miditok
