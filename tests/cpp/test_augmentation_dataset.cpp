// augment_dataset: the byte patch equals writing the augmented score, and the files, copies and
// report written for a small directory.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "../../src/augmentation/midi_patch.h"
#include "midi_test_util.h"
#include "miditok/augmentation/augment_dataset.h"
#include "miditok/core/error.h"
#include "miditok/midi/midi_reader.h"
#include "miditok/midi/midi_writer.h"

namespace fs = std::filesystem;

namespace miditok {
namespace {

Score rich_score() {
  Score s;
  s.ticks_per_quarter = 96;
  s.tempos = {{0, 500000}, {200, 400000}};
  s.time_signatures = {{0, 4, 4}};
  s.markers = {{10, "verse"}};
  Track a;
  a.program = 0;
  a.name = "piano";
  a.notes = {{0, 96, 60, 90}, {0, 0, 64, 10}, {48, 96, 67, 127}, {30, 20, 72, 1}, {300, 5, 21, 64}};
  a.controls = {{0, 7, 100}, {96, 64, 127}};
  a.pitch_bends = {{50, -200}};
  a.lyrics = {{0, "la"}};
  Track drums;
  drums.is_drum = true;
  drums.notes = {{0, 10, 36, 100}, {96, 10, 38, 2}};
  Track bass;
  bass.program = 33;
  bass.notes = {{0, 192, 40, 80}, {192, 192, 43, 80}};
  s.tracks = {a, drums, bass};
  return s;
}

TEST(AugmentationDataset, BytePatchEqualsWritingTheAugmentedScore) {
  const Score s = rich_score();
  for (const int d : {0, -50, 30}) {
    Score base_score = s;
    augment_score_inplace(base_score, {0, 0, d}, {1, 127}, 3);
    const std::vector<std::uint8_t> base = write_midi(base_score);
    for (const int p : {0, -2, 5}) {
      for (const int v : {0, -4, 9}) {
        for (const std::pair<int, int>& range : {std::pair{1, 127}, std::pair{40, 100}}) {
          Score expected = s;
          augment_score_inplace(expected, {p, v, d}, range, 3);
          std::vector<std::uint8_t> patched = base;
          detail::patch_note_bytes(patched, p, v, range);
          EXPECT_EQ(patched, write_midi(expected)) << p << " " << v << " " << d;
        }
      }
    }
  }
  std::vector<std::uint8_t> junk = {'M', 'T', 'h', 'd', 0,   0,   0, 6, 0, 1, 0,    1,
                                    0,   96,  'M', 'T', 'r', 'k', 0, 0, 0, 2, 0x00, 0x40};
  EXPECT_THROW(detail::patch_note_bytes(junk, 1, 0, {1, 127}), MidiError);
}

TEST(AugmentationDataset, BytePatchOnRandomScores) {
  std::uint64_t state = 12345;
  const auto next = [&state](int n) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<int>((state >> 33) % static_cast<std::uint64_t>(n));
  };
  for (int trial = 0; trial < 200; ++trial) {
    Score s;
    s.ticks_per_quarter = 48 + next(900);
    const int n_tracks = 1 + next(20);  // more than 15 melodic tracks wraps the channels
    for (int t = 0; t < n_tracks; ++t) {
      Track track;
      track.is_drum = next(5) == 0;
      track.program = static_cast<std::uint8_t>(next(128));
      const int n_notes = next(60);
      for (int i = 0; i < n_notes; ++i) {
        track.notes.push_back({next(2000), next(4) == 0 ? 0 : next(500),
                               static_cast<std::int8_t>(10 + next(100)),
                               static_cast<std::int8_t>(1 + next(127))});
      }
      if (next(2)) track.controls.push_back({next(2000), 64, static_cast<std::uint8_t>(next(128))});
      s.tracks.push_back(track);
    }
    const AugmentOffsets o = {next(9) - 4, next(41) - 20, next(3) == 0 ? -(next(100)) : next(100)};
    Score base_score = s;
    augment_score_inplace(base_score, {0, 0, o[2]}, {1, 127}, 5);
    std::vector<std::uint8_t> patched = write_midi(base_score);
    detail::patch_note_bytes(patched, o[0], o[1], {1, 127});
    Score expected = s;
    augment_score_inplace(expected, o, {1, 127}, 5);
    ASSERT_EQ(patched, write_midi(expected)) << "trial " << trial;
  }
}

TEST(AugmentationDataset, OneBufferRewrittenForSuccessiveOffsets) {
  // augment_dataset copies a duration variant once and, for each (pitch, velocity) offset in turn,
  // rewrites only the note bytes whose offset changed: each result equals a fresh patch.
  const Score s = rich_score();
  std::vector<std::uint8_t> base;
  std::vector<std::uint32_t> notes;
  write_midi_into(s, base, {0, 0, &notes});
  for (const std::pair<int, int>& range : {std::pair{1, 127}, std::pair{40, 100}}) {
    std::vector<std::uint8_t> shared = base;
    int pitch = 0, velocity = 0;
    for (const AugmentOffsets& o : std::vector<AugmentOffsets>{
             {5, 0, 0}, {-2, 0, 0}, {-2, -4, 0}, {0, -4, 0}, {3, 9, 0}, {0, 0, 0}, {0, 9, 0}}) {
      detail::rewrite_note_bytes(base, notes, shared, o[0], o[1], range, o[0] != pitch,
                                 o[1] != velocity);
      pitch = o[0];
      velocity = o[1];
      std::vector<std::uint8_t> fresh = base;
      detail::patch_note_bytes(fresh, o[0], o[1], range);
      ASSERT_EQ(shared, fresh) << o[0] << " " << o[1];
    }
  }
}

TEST(AugmentationDataset, WriterShiftsDurationsAndRecordsNotePositions) {
  std::uint64_t state = 777;
  const auto next = [&state](int n) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<int>((state >> 33) % static_cast<std::uint64_t>(n));
  };
  std::vector<std::uint8_t> out;  // reused across calls, as augment_dataset does
  std::vector<std::uint32_t> positions;
  for (int trial = 0; trial < 300; ++trial) {
    Score s = trial == 0 ? rich_score() : Score{};
    if (trial > 0) {
      s.ticks_per_quarter = 96;
      for (int t = 0, n_tracks = 1 + next(18); t < n_tracks; ++t) {
        Track track;
        track.is_drum = next(5) == 0;
        for (int i = 0, n = next(80); i < n; ++i) {  // unsorted onsets, zero and short durations
          track.notes.push_back({next(3000), next(4) == 0 ? 0 : next(300),
                                 static_cast<std::int8_t>(next(128)),
                                 static_cast<std::int8_t>(next(128))});
        }
        for (int i = 0, n = next(5); i < n; ++i) {
          track.controls.push_back({next(3000), 64, static_cast<std::uint8_t>(next(128))});
        }
        s.tracks.push_back(track);
      }
    }
    const int d = next(3) == 0 ? 0 : next(400) - 200;
    const tick_t min_ticks = next(10);
    Score expected = s;
    augment_score_inplace(expected, {0, 0, d}, {1, 127}, min_ticks);
    write_midi_into(s, out, {d, min_ticks, &positions});
    ASSERT_EQ(out, write_midi(expected)) << "trial " << trial << " d " << d;
    ASSERT_EQ(positions, detail::scan_note_bytes(out)) << "trial " << trial;
    write_midi_into(s, out);  // without options: write_midi's bytes
    ASSERT_EQ(out, write_midi(s)) << "trial " << trial;
  }
}

std::string slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

TEST(AugmentationDataset, WritesFilesCopiesAndReport) {
  const fs::path root = test::scratch_path("miditok_test_augment_dataset");
  fs::create_directories(root / "data" / "sub");
  write_midi_file(rich_score(), (root / "data" / "sub" / "song.mid").string());
  std::ofstream(root / "data" / "broken.mid") << "not midi";
  std::ofstream(root / "data" / "notes.txt") << "ignored";

  AugmentOptions o;
  o.pitch_offsets = {-2, 1, 60};  // pitch 21 is the piano's lowest: -2 and 60 are dropped
  o.velocity_offsets = {-4};
  o.duration_offsets = {0.5};
  const AugmentDatasetResult r = augment_dataset(root / "data", o, root / "out", true, true, 2);
  EXPECT_EQ(r.num_files_before, 2u);
  EXPECT_EQ(r.num_augmentations, 3u);
  EXPECT_EQ(r.num_tracks_augmented, 12u);  // the file read back has 4 tracks
  ASSERT_EQ(r.failed_files.size(), 1u);
  EXPECT_NE(r.failed_files[0].find("broken.mid"), std::string::npos);
  for (const char* name : {"song#p1.mid", "song#v-4.mid", "song#d48.mid", "song.mid"}) {
    EXPECT_TRUE(fs::exists(root / "out" / "sub" / name)) << name;
  }
  EXPECT_FALSE(fs::exists(root / "out" / "sub" / "song#p-2.mid"));
  EXPECT_FALSE(fs::exists(root / "out" / "broken.mid"));  // unreadable: skipped, not copied
  const Score p1 = read_midi_file((root / "out" / "sub" / "song#p1.mid").string());
  const Score orig = read_midi_file((root / "out" / "sub" / "song.mid").string());
  ASSERT_EQ(p1.tracks.size(), orig.tracks.size());
  for (std::size_t t = 0; t < p1.tracks.size(); ++t) {
    ASSERT_EQ(p1.tracks[t].notes.size(), orig.tracks[t].notes.size());
    for (std::size_t i = 0; i < p1.tracks[t].notes.size(); ++i) {
      EXPECT_EQ(p1.tracks[t].notes[i].pitch,
                orig.tracks[t].notes[i].pitch + (p1.tracks[t].is_drum ? 0 : 1));
    }
  }
  // A second run rewrites the outputs in place: same bytes, even over longer or linked files.
  const fs::path p1_path = root / "out" / "sub" / "song#p1.mid";
  const std::string p1_bytes = slurp(p1_path);
  std::ofstream(p1_path, std::ios::binary | std::ios::app) << std::string(100000, 'x');
  const fs::path linked = root / "elsewhere.mid";
  std::ofstream(linked) << "old content, longer than nothing";
  fs::remove(root / "out" / "sub" / "song#v-4.mid");
  fs::create_symlink(linked, root / "out" / "sub" / "song#v-4.mid");
  const AugmentDatasetResult again =
      augment_dataset(root / "data", o, root / "out", true, false, 1);
  EXPECT_EQ(again.num_augmentations, 3u);
  EXPECT_EQ(slurp(p1_path), p1_bytes);
  EXPECT_TRUE(fs::is_symlink(root / "out" / "sub" / "song#v-4.mid"));
  EXPECT_EQ(slurp(linked), slurp(root / "out" / "sub" / "song#v-4.mid"));
  EXPECT_EQ(slurp(linked).substr(0, 4), "MThd");
  EXPECT_EQ(slurp(root / "out" / "data_augmentation_report.txt"),
            "{\"pitch_offsets\": [-2, 1, 60], \"velocity_offsets\": [-4], \"duration_offsets\": "
            "[0.5], \"all_offset_combinations\": false, \"velocity_range\": [1, 127], "
            "\"min_duration\": 0.03125, \"num_tracks_augmented\": 12, \"num_files_before\": 2, "
            "\"num_files_after\": 5}");
  fs::remove_all(root);
}

TEST(AugmentationDataset, ManyOutputDirectories) {
  // Past the directories kept open for the whole call, the others are opened per file: every
  // output still lands in its own folder, on any number of threads.
  const fs::path root = test::scratch_path("miditok_test_augment_many_dirs");
  const std::vector<std::uint8_t> bytes = write_midi(rich_score());
  constexpr int kDirs = 300;
  for (int i = 0; i < kDirs; ++i) {
    const fs::path dir = root / "data" / ("d" + std::to_string(i));
    fs::create_directories(dir);
    std::ofstream(dir / "a.mid", std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()),
               static_cast<std::streamsize>(bytes.size()));
  }
  AugmentOptions o;
  o.velocity_offsets = {3};
  for (const std::size_t threads : {std::size_t{1}, std::size_t{2}}) {
    const AugmentDatasetResult r =
        augment_dataset(root / "data", o, root / "out", true, false, threads);
    EXPECT_EQ(r.num_augmentations, static_cast<std::size_t>(kDirs));
    EXPECT_TRUE(r.failed_files.empty());
    for (int i = 0; i < kDirs; ++i) {
      const fs::path dir = root / "out" / ("d" + std::to_string(i));
      ASSERT_TRUE(fs::exists(dir / "a#v3.mid")) << dir;
      ASSERT_EQ(slurp(dir / "a.mid").size(), bytes.size()) << dir;
    }
  }
  fs::remove_all(root);
}

}  // namespace
}  // namespace miditok
