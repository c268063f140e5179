// Track and score merging utilities.
#include "miditok/preprocess/tracks.h"

#include <algorithm>
#include <numeric>
#include <string>

#include "instruments.h"
#include "miditok/core/error.h"
#include "miditok/preprocess/notes.h"
#include "miditok/score/score_ops.h"

namespace miditok {

std::pair<int, int> program_pitch_range(int program) {
  if (program < 0 || program > 127) {
    throw ConfigError("program: got " + std::to_string(program) + ", expected 0-127");
  }
  const auto& info = detail::kMidiInstruments[program];
  return {info.pitch_first, info.pitch_last};
}

std::string_view program_name(int program) {
  if (program < 0 || program > 127) {
    throw ConfigError("program: got " + std::to_string(program) + ", expected 0-127");
  }
  return detail::kMidiInstruments[program].name;
}

namespace {
const detail::InstrumentClassInfo& class_info(int instrument_class) {
  if (instrument_class < 0 || instrument_class >= kNumInstrumentClasses) {
    throw ConfigError("instrument class: got " + std::to_string(instrument_class) +
                      ", expected 0-16");
  }
  return detail::kInstrumentClasses[instrument_class];
}
}  // namespace

std::pair<int, int> instrument_class_program_range(int instrument_class) {
  const auto& info = class_info(instrument_class);
  return {info.program_first, info.program_last};
}

std::string_view instrument_class_name(int instrument_class) {
  return class_info(instrument_class).name;
}

std::vector<std::pair<int, bool>> get_score_programs(const Score& score) {
  std::vector<std::pair<int, bool>> out;
  out.reserve(score.tracks.size());
  for (const Track& t : score.tracks) out.emplace_back(t.program, t.is_drum);
  return out;
}

bool is_track_empty(const Track& track, bool check_controls, bool check_pedals,
                    bool check_pitch_bend) {
  bool empty = track.notes.empty();
  if (check_controls) empty = empty && track.controls.empty();
  if (check_pedals) empty = empty && track.pedals.empty();
  if (check_pitch_bend) empty = empty && track.pitch_bends.empty();
  return empty;
}

namespace {

template <class T>
void append(std::vector<T>& dst, const std::vector<T>& src) {
  dst.insert(dst.end(), src.begin(), src.end());
}

// Merges tracks[idx[1:]] into tracks[idx[0]] (which must come first in idx) the way
// miditok.utils.merge_tracks does; the merged-from tracks are left untouched.
void merge_group(std::vector<Track>& tracks, std::span<const std::size_t> idx, bool effects) {
  Track& dst = tracks[idx[0]];
  std::size_t num_notes = 0;
  std::size_t num_pedals = 0;
  std::size_t num_controls = 0;
  std::size_t num_bends = 0;
  for (std::size_t i : idx) {
    num_notes += tracks[i].notes.size();
    num_pedals += tracks[i].pedals.size();
    num_controls += tracks[i].controls.size();
    num_bends += tracks[i].pitch_bends.size();
  }
  dst.notes.reserve(num_notes);
  for (std::size_t k = 1; k < idx.size(); ++k) {
    const Track& src = tracks[idx[k]];
    dst.name += " / ";
    dst.name += src.name;
    append(dst.notes, src.notes);
  }
  sort_events(dst.notes);  // symusic's sort(): stable, default key
  if (!effects) return;
  dst.pedals.reserve(num_pedals);
  dst.controls.reserve(num_controls);
  dst.pitch_bends.reserve(num_bends);
  for (std::size_t k = 1; k < idx.size(); ++k) {
    const Track& src = tracks[idx[k]];
    append(dst.pedals, src.pedals);
    append(dst.controls, src.controls);
    append(dst.pitch_bends, src.pitch_bends);
  }
  sort_events(dst.pedals);
  sort_events(dst.pitch_bends);
  // Controls: Python's list.sort(key=time), stable, not symusic's (time, number, value) key.
  std::stable_sort(dst.controls.begin(), dst.controls.end(),
                   [](const auto& a, const auto& b) { return a.time < b.time; });
}

}  // namespace

Track& merge_tracks(std::vector<Track>& tracks, bool effects) {
  if (tracks.empty()) throw ConfigError("merge_tracks: no track to merge");
  std::vector<std::size_t> idx(tracks.size());
  std::iota(idx.begin(), idx.end(), std::size_t{0});
  merge_group(tracks, idx, effects);
  tracks.resize(1);
  return tracks.front();
}

void merge_same_program_tracks(std::vector<Track>& tracks, bool effects) {
  const auto program_of = [](const Track& t) { return t.is_drum ? -1 : int{t.program}; };
  std::vector<char> done(tracks.size(), 0);
  std::vector<char> drop(tracks.size(), 0);
  std::vector<std::size_t> group;
  bool any = false;
  for (std::size_t i = 0; i < tracks.size(); ++i) {
    if (done[i]) continue;
    group.clear();
    for (std::size_t j = i; j < tracks.size(); ++j) {
      if (!done[j] && program_of(tracks[j]) == program_of(tracks[i])) {
        group.push_back(j);
        done[j] = 1;
      }
    }
    if (group.size() < 2) continue;
    any = true;
    merge_group(tracks, group, effects);
    for (std::size_t k = 1; k < group.size(); ++k) drop[group[k]] = 1;
  }
  if (!any) return;
  std::size_t out = 0;
  for (std::size_t i = 0; i < tracks.size(); ++i) {
    if (!drop[i]) {
      if (out != i) tracks[out] = std::move(tracks[i]);
      ++out;
    }
  }
  tracks.resize(out);
}

void merge_tracks_per_class(Score& score, std::optional<std::vector<int>> classes_to_merge,
                            std::optional<std::vector<std::pair<int, int>>> new_program_per_class,
                            std::optional<std::vector<std::pair<int, int>>> max_tracks_per_class,
                            std::optional<std::vector<int>> valid_programs, bool filter_pitches) {
  auto& tracks = score.tracks;
  if (valid_programs) {
    std::size_t i = 0;
    while (i < tracks.size()) {
      if (tracks[i].is_drum) tracks[i].program = 128;
      const int program = tracks[i].program;
      if (std::find(valid_programs->begin(), valid_programs->end(), program) ==
          valid_programs->end()) {
        tracks.erase(tracks.begin() + static_cast<std::ptrdiff_t>(i));
        if (tracks.empty()) return;
      } else {
        ++i;
      }
    }
  }

  if (classes_to_merge) {
    std::stable_sort(tracks.begin(), tracks.end(),
                     [](const Track& a, const Track& b) { return a.program < b.program; });
    const auto lookup = [](const auto& pairs, int key) -> const int* {
      for (const auto& [k, v] : pairs) {
        if (k == key) return &v;
      }
      return nullptr;
    };
    if (new_program_per_class) {
      for (const auto& [cla, program] : *new_program_per_class) {
        const auto [first, last] = instrument_class_program_range(cla);
        if (program < first || program >= last) {
          throw ConfigError("new_program_per_class: got program " + std::to_string(program) +
                            " for instrument class " + std::to_string(cla) + " (" +
                            std::string(instrument_class_name(cla)) + "), expected " +
                            std::to_string(first) + "-" + std::to_string(last - 1));
        }
      }
    }
    std::vector<std::size_t> idx;
    for (int ci : *classes_to_merge) {
      const auto [first, last] = instrument_class_program_range(ci);
      idx.clear();
      for (std::size_t ti = 0; ti < tracks.size(); ++ti) {
        if (tracks[ti].program >= first && tracks[ti].program < last) idx.push_back(ti);
      }
      if (idx.empty()) continue;
      int new_program = first;
      if (new_program_per_class) {
        const int* p = lookup(*new_program_per_class, ci);
        if (p == nullptr) {
          throw ConfigError("new_program_per_class: no program for instrument class " +
                            std::to_string(ci));
        }
        new_program = *p;
      }
      tracks[idx[0]].program = static_cast<std::uint8_t>(new_program);
      // MidiTok's limit branch uses argsort positions as track indexes and never applies the
      // limit; here the `limit` tracks with the most notes (earliest first on ties) are merged
      // and the class's other tracks dropped, as its docstring describes.
      std::vector<char> keep(idx.size(), 1);
      const int* limit = max_tracks_per_class ? lookup(*max_tracks_per_class, ci) : nullptr;
      if (limit != nullptr && static_cast<int>(idx.size()) > *limit) {
        std::vector<std::size_t> order(idx.size());
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
          return tracks[idx[a]].notes.size() > tracks[idx[b]].notes.size();
        });
        std::fill(keep.begin(), keep.end(), 0);
        for (int k = 0; k < std::max(*limit, 1); ++k) keep[order[static_cast<std::size_t>(k)]] = 1;
        if (!keep[0]) {  // the first track of the class hosts the merge: move a kept one there
          std::size_t host = 0;
          while (!keep[host]) ++host;
          std::swap(tracks[idx[0]], tracks[idx[host]]);
          tracks[idx[0]].program = static_cast<std::uint8_t>(new_program);
          keep[0] = 1;
          keep[host] = 0;
        }
      }
      std::vector<std::size_t> group;
      for (std::size_t k = 0; k < idx.size(); ++k) {
        if (keep[k]) group.push_back(idx[k]);
      }
      merge_group(tracks, group, true);
      tracks.erase(tracks.begin() + static_cast<std::ptrdiff_t>(idx[0] + 1),
                   tracks.begin() + static_cast<std::ptrdiff_t>(idx.back() + 1));
    }
  }

  if (filter_pitches) {
    for (Track& t : tracks) {
      // MidiTok tests `pitch in DRUM_PITCH_RANGE`, a 2-tuple, which keeps only pitches 27 and 88
      // of drum tracks; the range is meant inclusive, which is what is applied here.
      int lo = kDrumPitchRange.first;
      int hi = kDrumPitchRange.second;
      if (!t.is_drum) {
        const auto [first, last] = program_pitch_range(t.program);
        lo = first;
        hi = last - 1;
      }
      filter_pitch_range(t.notes, lo, hi);
    }
  }
}

Score merge_scores(std::span<const Score> scores) {
  if (scores.empty()) throw ConfigError("merge_scores: no score to merge");
  Score out;
  out.ticks_per_quarter = scores[0].ticks_per_quarter;
  for (const Score& s : scores) {
    if (s.ticks_per_quarter != out.ticks_per_quarter) {
      throw ConfigError("merge_scores: the scores have different time divisions (tpq " +
                        std::to_string(s.ticks_per_quarter) + " vs " +
                        std::to_string(out.ticks_per_quarter) + "); they must be identical");
    }
    append(out.tracks, s.tracks);
    append(out.tempos, s.tempos);
    append(out.time_signatures, s.time_signatures);
    append(out.key_signatures, s.key_signatures);
    append(out.markers, s.markers);
  }
  return out;
}

namespace {

template <class T>
void append_shifted(std::vector<T>& dst, const std::vector<T>& src, tick_t offset) {
  const std::size_t first = dst.size();
  dst.insert(dst.end(), src.begin(), src.end());
  for (std::size_t i = first; i < dst.size(); ++i) dst[i].time += offset;
}

}  // namespace

Score concat_scores(std::span<const Score> scores, std::span<const tick_t> end_ticks) {
  if (scores.empty()) throw ConfigError("concat_scores: no score to concatenate");
  for (const Score& s : scores) {
    if (s.ticks_per_quarter != scores[0].ticks_per_quarter) {
      throw ConfigError(
          "concat_scores: the provided scores do not have all the same time "
          "division (tpq)");
    }
  }
  if (end_ticks.size() + 1 < scores.size()) {
    throw ConfigError("concat_scores: missing end values: got " + std::to_string(end_ticks.size()) +
                      ", expected " + std::to_string(scores.size() - 1));
  }
  Score out;
  out.ticks_per_quarter = scores[0].ticks_per_quarter;
  out.tracks = scores[0].tracks;
  for (std::size_t mi = 0; mi < scores.size(); ++mi) {
    const Score& s = scores[mi];
    const tick_t offset = mi > 0 ? end_ticks[mi - 1] : 0;
    append_shifted(out.tempos, s.tempos, offset);
    append_shifted(out.time_signatures, s.time_signatures, offset);
    append_shifted(out.key_signatures, s.key_signatures, offset);
    append_shifted(out.markers, s.markers, offset);
    if (mi == 0) continue;
    for (std::size_t ti = 0; ti < s.tracks.size(); ++ti) {
      const Track& src = s.tracks[ti];
      if (ti >= out.tracks.size()) {
        // MidiTok raises IndexError when a later score has more tracks; its extra tracks are
        // appended here instead.
        Track t = src;
        t.notes.clear();
        t.controls.clear();
        t.pitch_bends.clear();
        t.pedals.clear();
        t.lyrics.clear();
        out.tracks.push_back(std::move(t));
      }
      Track& dst = out.tracks[ti];
      append_shifted(dst.notes, src.notes, offset);
      append_shifted(dst.controls, src.controls, offset);
      append_shifted(dst.pitch_bends, src.pitch_bends, offset);
      append_shifted(dst.pedals, src.pedals, offset);
      append_shifted(dst.lyrics, src.lyrics, offset);
    }
  }
  return out;
}

}  // namespace miditok
