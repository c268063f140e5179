// Fuzz target: arbitrary scores (odd time signatures, zero denominators, collapsed events, unsorted
// lists) through the preprocessing blocks, the pipeline, chord detection and the time grid.
// Typed miditok errors are allowed; crashes and sanitizer reports are not.
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "miditok/core/error.h"
#include "miditok/preprocess/globals.h"
#include "miditok/preprocess/notes.h"
#include "miditok/preprocess/pipeline.h"
#include "miditok/preprocess/time_grid.h"
#include "miditok/preprocess/tracks.h"
#include "miditok/tokenizer/chords.h"

namespace {

class Reader {
 public:
  Reader(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  std::uint32_t u32() {
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v = (v << 8) | u8();
    return v;
  }
  std::uint8_t u8() { return pos_ < size_ ? data_[pos_++] : 0; }
  bool done() const { return pos_ >= size_; }

 private:
  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t pos_ = 0;
};

miditok::Score make_score(Reader& r) {
  using namespace miditok;
  Score s;
  s.ticks_per_quarter = static_cast<tick_t>(1 + r.u8() * 4);
  constexpr std::uint8_t kDens[] = {0, 1, 2, 3, 4, 8, 16, 4};
  const int num_ts = r.u8() % 6;
  for (int i = 0; i < num_ts; ++i) {
    s.time_signatures.push_back(TimeSignature{static_cast<tick_t>(r.u32() % 5000),
                                              static_cast<std::uint8_t>(r.u8() % 14),
                                              kDens[r.u8() % 8]});
  }
  const int num_tempos = r.u8() % 5;
  for (int i = 0; i < num_tempos; ++i) {
    s.tempos.push_back(Tempo{static_cast<tick_t>(r.u32() % 5000),
                             static_cast<std::int32_t>(1 + r.u32() % 3000000)});
  }
  const int num_keys = r.u8() % 3;
  for (int i = 0; i < num_keys; ++i) {
    s.key_signatures.push_back(KeySignature{static_cast<tick_t>(r.u32() % 5000),
                                            static_cast<std::int8_t>(r.u8() % 15 - 7), 0});
  }
  const int num_tracks = 1 + r.u8() % 3;
  for (int t = 0; t < num_tracks && !r.done(); ++t) {
    Track track;
    track.program = r.u8() % 128;
    track.is_drum = r.u8() % 4 == 0;
    const int n = r.u8();
    for (int i = 0; i < n && !r.done(); ++i) {
      track.notes.push_back(
          Note{static_cast<tick_t>(r.u32() % 20000), static_cast<tick_t>(r.u32() % 3000),
               static_cast<std::int8_t>(r.u8() % 128), static_cast<std::int8_t>(r.u8() % 128)});
    }
    const int np = r.u8() % 8;
    for (int i = 0; i < np; ++i) {
      track.pedals.push_back(
          Pedal{static_cast<tick_t>(r.u32() % 20000), static_cast<tick_t>(r.u32() % 3000)});
    }
    const int nb = r.u8() % 8;
    for (int i = 0; i < nb; ++i) {
      track.pitch_bends.push_back(PitchBend{static_cast<tick_t>(r.u32() % 20000),
                                            static_cast<std::int32_t>(r.u32() % 16384) - 8192});
    }
    const int nc = r.u8() % 8;
    for (int i = 0; i < nc; ++i) {
      track.controls.push_back(ControlChange{static_cast<tick_t>(r.u32() % 20000),
                                             static_cast<std::uint8_t>(r.u8() % 128), r.u8()});
    }
    s.tracks.push_back(std::move(track));
  }
  return s;
}

miditok::ScorePreprocessParams make_params(Reader& r) {
  using namespace miditok;
  ScorePreprocessParams p;
  const std::uint8_t flags = r.u8();
  p.use_time_signatures = flags & 1;
  p.note_on_off = flags & 2;
  p.remove_duplicated_notes = flags & 4;
  p.use_sustain_pedals = flags & 8;
  p.sustain_pedal_duration = flags & 16;
  p.use_pitch_bends = flags & 32;
  p.use_tempos = flags & 64;
  p.use_programs = flags & 128;
  const std::uint8_t more = r.u8();
  p.use_control_changes = more & 1;
  p.use_key_signatures = more & 2;
  p.delete_equal_successive_tempo_changes = more & 4;
  p.delete_equal_successive_time_sig_changes = more & 8;
  p.max_num_pos_per_beat = 1 + r.u8() % 16;
  for (int v = 7; v < 128; v += 8) p.velocity_bins.push_back(v);
  p.use_note_duration_programs.fill(true);
  p.programs.fill(true);
  for (tick_t tpb : {1, 2, 4, 8, 16, 32, 64, 128}) {
    std::vector<std::int32_t> bins;
    for (int d = 1; d <= 32; ++d) bins.push_back(d * tpb / 4 + 1);
    p.duration_bins.table.emplace_back(tpb, bins);
  }
  for (int v = -8192; v < 8192; v += 512) p.pitch_bend_bins.push_back(v);
  for (int i = 0; i < 32; ++i) p.tempo_mspq_bins.push_back(240000.0 + i * 40000.0);
  std::vector<int> numbers{1, 7, 10, 64, 65, 121};
  p.control_change_bins = make_control_change_value_bins(numbers, 16);
  for (int n : numbers) p.control_change_numbers[static_cast<std::size_t>(n)] = true;
  return p;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace miditok;
  Reader r(data, size);
  const ScorePreprocessParams params = make_params(r);
  const Score original = make_score(r);
  try {
    const std::vector<std::pair<int, int>> supported{{4, 4}, {3, 4}, {6, 8}, {2, 2}, {3, 8}};
    std::vector<TimeSignature> ts;
    const tick_t tpq = prepare_time_signatures(original.time_signatures, params.use_time_signatures,
                                               supported, params.max_num_pos_per_beat, ts);
    resample_time_signatures(ts, original.ticks_per_quarter, tpq);
    Score score = original;  // stands in for the resampled score
    score.ticks_per_quarter = tpq;
    score.time_signatures = ts;
    preprocess_resampled_score(score, original, params);
    if (!score.time_signatures.empty()) {
      const auto tpb = get_score_ticks_per_beat(score);
      for (const Track& t : score.tracks) {
        std::vector<Note> notes = t.notes;
        sort_notes_time_pitch_duration(notes);
        ChordDetectionParams cp;
        cp.unknown_chords_num_notes_range = std::pair{3, 6};
        (void)detect_chords(notes, tpb, default_chord_maps(), cp);
      }
    }
  } catch (const Error&) {
  }
  try {
    (void)get_bars_ticks(original, true);
    (void)get_beats_ticks(original, false);
    (void)get_num_notes_per_bar_per_track(original);
    Score merged = original;
    merge_tracks_per_class(merged, std::vector<int>{0, 1, 2, 3, 4, 5}, std::nullopt,
                           std::vector<std::pair<int, int>>{{0, 1}}, std::nullopt, true);
    std::vector<TimeSignature> sigs = original.time_signatures;
    preprocess_time_signatures(sigs, original.ticks_per_quarter, true);
  } catch (const Error&) {
  }
  return 0;
}
