// Chord detection (miditok.utils.detect_chords).
#include "miditok/tokenizer/chords.h"

#include <algorithm>
#include <cstdlib>

namespace miditok {

const ChordMaps& default_chord_maps() {
  static const ChordMaps maps{
      {"min", {0, 3, 7}},          {"maj", {0, 4, 7}},          {"dim", {0, 3, 6}},
      {"aug", {0, 4, 8}},          {"sus2", {0, 2, 7}},         {"sus4", {0, 5, 7}},
      {"7dom", {0, 4, 7, 10}},     {"7min", {0, 3, 7, 10}},     {"7maj", {0, 4, 7, 11}},
      {"7halfdim", {0, 3, 6, 10}}, {"7dim", {0, 3, 6, 9}},      {"7aug", {0, 4, 8, 11}},
      {"9maj", {0, 4, 7, 10, 14}}, {"9min", {0, 4, 7, 10, 13}},
  };
  return maps;
}

std::vector<ChordEvent> detect_chords(std::span<const Note> notes,
                                      std::span<const TickSection> ticks_per_beat,
                                      const ChordMaps& chord_maps,
                                      const ChordDetectionParams& params) {
  std::vector<ChordEvent> out;
  detect_chords(notes, ticks_per_beat, chord_maps, params, out);
  return out;
}

void detect_chords(std::span<const Note> notes, std::span<const TickSection> ticks_per_beat,
                   const ChordMaps& chord_maps, const ChordDetectionParams& params,
                   std::vector<ChordEvent>& out) {
  out.clear();
  if (notes.empty() || ticks_per_beat.empty()) return;
  const std::size_t limit = static_cast<std::size_t>(std::max(params.simul_notes_limit, 5));
  const std::size_t n = notes.size();

  std::size_t tpb_idx = 0;
  auto tpb_half = [&] { return ticks_per_beat[tpb_idx].value / 2; };
  auto offset_ticks = [&] {
    return static_cast<double>(ticks_per_beat[tpb_idx].value) * params.onset_offset /
           params.beat_res;
  };
  std::int64_t half = tpb_half();
  double onset_offset_tick = offset_ticks();

  // Indexes of the notes of the current onset group and of the chord, reused across steps.
  std::size_t group[64];
  std::size_t chord[64];
  std::vector<std::size_t> group_big;
  std::vector<std::size_t> chord_big;

  // Notes in time order (a preprocessed track's are) let the onset scan stop at the first note
  // past the onset offset; MidiTok's filter of the next `limit` notes selects the same ones.
  const bool by_time = std::is_sorted(notes.begin(), notes.end(),
                                      [](const Note& a, const Note& b) { return a.time < b.time; });
  std::size_t count = 0;
  std::int64_t previous_tick = -1;
  std::vector<int> intervals;
  while (count < n) {
    const Note& root = notes[count];
    if (root.time == previous_tick) {
      ++count;
      continue;
    }
    // Sections ahead: the last section is kept for notes past its end (MidiTok would raise).
    while (tpb_idx + 1 < ticks_per_beat.size() && root.time >= ticks_per_beat[tpb_idx].end_tick) {
      ++tpb_idx;
      half = tpb_half();
      onset_offset_tick = offset_ticks();
    }

    // Notes among the next `limit` ones starting within the onset offset of the first.
    const std::size_t scope_end = std::min(n, count + limit);
    std::size_t* g = group;
    std::size_t* c = chord;
    if (limit > 64) {
      group_big.resize(limit);
      chord_big.resize(limit);
      g = group_big.data();
      c = chord_big.data();
    }
    std::size_t g_len = 0;
    const double onset_end = static_cast<double>(root.time) + onset_offset_tick;
    for (std::size_t i = count; i < scope_end; ++i) {
      if (static_cast<double>(notes[i].time) <= onset_end)
        g[g_len++] = i;
      else if (by_time)
        break;  // no later note starts earlier
    }
    if (g_len == 0) {  // negative onset_offset: MidiTok would raise IndexError
      ++count;
      continue;
    }
    const tick_t root_end = notes[g[0]].end();
    bool ambiguous = false;
    for (std::size_t k = 0; k < g_len; ++k) {
      if (std::llabs(static_cast<std::int64_t>(notes[g[k]].end()) - root_end) > half) {
        ambiguous = true;
        break;
      }
    }
    if (ambiguous) {
      count += g_len;
      continue;
    }
    // A short first note restricts the chord to the notes starting exactly with it.
    const bool short_root = static_cast<std::int64_t>(root.duration) <= half;
    const tick_t group_onset = notes[g[0]].time;
    std::size_t kept = 0;
    if (short_root) {
      for (std::size_t k = 0; k < g_len; ++k) {
        if (notes[g[k]].time == group_onset) g[kept++] = g[k];
      }
    } else {
      kept = g_len;
    }
    const tick_t first_end = notes[g[0]].end();
    std::size_t c_len = 0;
    for (std::size_t k = 0; k < kept; ++k) {
      if (static_cast<std::int64_t>(notes[g[k]].end()) - first_end <= half) c[c_len++] = g[k];
    }

    intervals.clear();
    for (std::size_t k = 0; k < c_len; ++k) {
      intervals.push_back(int{notes[c[k]].pitch} - int{notes[c[0]].pitch});
    }
    if (c_len >= 3 && c_len <= 5 && intervals.back() <= 24) {
      const std::string* quality = nullptr;
      for (const auto& [name, map] : chord_maps) {
        if (map == intervals) {
          quality = &name;
          break;
        }
      }
      if (quality != nullptr || params.unknown_chords_num_notes_range.has_value()) {
        ChordEvent ev;
        if (params.specify_root_note) {
          ev.value = kPitchClasses[static_cast<std::size_t>(root.pitch % 12 + 12) % 12];
          ev.value += ':';
        }
        if (quality != nullptr) {
          ev.value += *quality;
        } else {
          ev.value += kUnknownChordPrefix;
          ev.value += std::to_string(c_len);
        }
        tick_t t = notes[c[0]].time;
        for (std::size_t k = 1; k < c_len; ++k) t = std::min(t, notes[c[k]].time);
        ev.time = t;
        ev.intervals = intervals;
        out.push_back(std::move(ev));
      }
    }
    // MidiTok moves past the (possibly restricted) onset group.
    tick_t max_onset = notes[g[0]].time;
    for (std::size_t k = 1; k < kept; ++k) max_onset = std::max(max_onset, notes[g[k]].time);
    previous_tick = max_onset;
    count += kept;
  }
}

}  // namespace miditok
