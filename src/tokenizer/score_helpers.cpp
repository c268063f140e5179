// Score helpers of the tokenizer core: symusic's end/resample semantics and MidiTok's utils.
#include "score_helpers.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "miditok/core/error.h"
#include "miditok/preprocess/time_grid.h"
#include "miditok/preprocess/tracks.h"
#include "miditok/tokenizer/chords.h"

namespace miditok::detail {

tick_t score_end(const Score& s) { return miditok::score_end(s); }

Score resample(const Score& s, int tpq, int min_dur) {
  const double rate = static_cast<double>(tpq) / static_cast<double>(s.ticks_per_quarter);
  auto cv = [rate](tick_t t) {
    double x = rate * static_cast<double>(t);
    if (x > static_cast<double>(std::numeric_limits<tick_t>::max()))
      throw MidiError("resample: a time is out of the int32 range after resampling");
    return static_cast<tick_t>(std::round(x));
  };
  Score out = s;
  out.ticks_per_quarter = tpq;
  for (auto& e : out.time_signatures) e.time = cv(e.time);
  for (auto& e : out.key_signatures) e.time = cv(e.time);
  for (auto& e : out.tempos) e.time = cv(e.time);
  for (auto& e : out.markers) e.time = cv(e.time);
  for (auto& t : out.tracks) {
    for (auto& n : t.notes) n.time = cv(n.time), n.duration = std::max(cv(n.duration), min_dur);
    for (auto& p : t.pedals) p.time = cv(p.time), p.duration = std::max(cv(p.duration), min_dur);
    for (auto& p : t.pitch_bends) p.time = cv(p.time);
    for (auto& c : t.controls) c.time = cv(c.time);
    for (auto& l : t.lyrics) l.time = cv(l.time);
  }
  return out;
}

int ticks_per_beat_of(int denominator, int time_division) {
  if (denominator == 4) return time_division;
  return static_cast<int>(time_division * (4.0 / denominator));
}

TpbSections score_ticks_per_beat(const Score& s) {
  TpbSections out;
  for (const auto& sec : get_score_ticks_per_beat(s)) out.emplace_back(sec.end_tick, sec.value);
  return out;
}

std::vector<tick_t> bars_ticks(const Score& s, bool only_notes_onsets) {
  return get_bars_ticks(s, only_notes_onsets);
}

std::vector<tick_t> beats_ticks(const Score& s, bool only_notes_onsets) {
  return get_beats_ticks(s, only_notes_onsets);
}

void merge_same_program_tracks(std::vector<Track>& tracks) {
  miditok::merge_same_program_tracks(tracks, true);
}

std::vector<std::size_t> searchsorted_left(const std::vector<tick_t>& arr,
                                           const std::vector<tick_t>& keys) {
  std::vector<std::size_t> out;
  out.reserve(keys.size());
  if (keys.empty()) return out;
  const std::size_t n = arr.size();
  std::size_t min_idx = 0, max_idx = n;
  tick_t last = keys[0];
  for (tick_t key : keys) {
    if (last < key) {
      max_idx = n;
    } else {
      min_idx = 0;
      max_idx = max_idx < n ? max_idx + 1 : n;
    }
    last = key;
    while (min_idx < max_idx) {
      std::size_t mid = min_idx + ((max_idx - min_idx) >> 1);
      if (arr[mid] < key)
        min_idx = mid + 1;
      else
        max_idx = mid;
    }
    out.push_back(min_idx);
  }
  return out;
}

std::vector<Event> detect_chords(const std::vector<Note>& notes, const TpbSections& tpb,
                                 const std::vector<std::pair<std::string, std::vector<int>>>& maps,
                                 int program, bool specify_root_note, int beat_res,
                                 const std::optional<std::pair<int, int>>& unknown_range) {
  std::vector<TickSection> sections;
  sections.reserve(tpb.size());
  for (const auto& [end, value] : tpb) sections.push_back(TickSection{end, value});
  ChordDetectionParams params;
  params.specify_root_note = specify_root_note;
  params.beat_res = beat_res;
  params.unknown_chords_num_notes_range = unknown_range;
  std::vector<Event> out;
  for (auto& c : miditok::detect_chords(notes, sections, maps, params))
    out.push_back(Event{"Chord", std::move(c.value), c.time, program, 0});
  return out;
}

}  // namespace miditok::detail
