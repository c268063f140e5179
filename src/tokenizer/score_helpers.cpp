// Score helpers of the tokenizer core: symusic's end/resample semantics and MidiTok's utils.
#include "score_helpers.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "miditok/core/error.h"

namespace miditok::detail {

tick_t track_end(const Track& t) {
  if (t.notes.empty() && t.controls.empty() && t.pitch_bends.empty() && t.pedals.empty() &&
      t.lyrics.empty())
    return 0;
  tick_t ans = std::numeric_limits<tick_t>::min();
  for (const auto& n : t.notes) ans = std::max(ans, n.end());
  for (const auto& c : t.controls) ans = std::max(ans, c.time);
  for (const auto& p : t.pitch_bends) ans = std::max(ans, p.time);
  for (const auto& p : t.pedals) ans = std::max(ans, p.end());
  for (const auto& l : t.lyrics) ans = std::max(ans, l.time);
  return ans;
}

tick_t score_end(const Score& s) {
  if (s.tracks.empty() && s.time_signatures.empty() && s.key_signatures.empty() &&
      s.tempos.empty() && s.markers.empty())
    return 0;
  tick_t ans = std::numeric_limits<tick_t>::lowest();
  for (const auto& t : s.tracks) ans = std::max(ans, track_end(t));
  for (const auto& e : s.time_signatures) ans = std::max(ans, e.time);
  for (const auto& e : s.key_signatures) ans = std::max(ans, e.time);
  for (const auto& e : s.tempos) ans = std::max(ans, e.time);
  for (const auto& e : s.markers) ans = std::max(ans, e.time);
  return ans;
}

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
  const auto& ts = s.time_signatures;
  for (std::size_t i = 0; i + 1 < ts.size(); ++i)
    out.emplace_back(ts[i + 1].time, ticks_per_beat_of(ts[i].denominator, s.ticks_per_quarter));
  out.emplace_back(score_end(s) + 1, ticks_per_beat_of(ts.back().denominator, s.ticks_per_quarter));
  for (std::size_t i = out.size() - 1; i > 0; --i)
    if (out[i].second == out[i - 1].second) {
      out[i - 1].first = out[i].first;
      out.erase(out.begin() + static_cast<std::ptrdiff_t>(i));
    }
  return out;
}

namespace {

tick_t max_tick_only_onsets(const Score& s) {
  tick_t m = 0;
  for (const auto& t : s.tracks) {
    tick_t tm = 0;
    tm = std::max(tm, t.notes.empty() ? 0 : t.notes.back().time);
    tm = std::max(tm, t.controls.empty() ? 0 : t.controls.back().time);
    tm = std::max(tm, t.pitch_bends.empty() ? 0 : t.pitch_bends.back().time);
    tm = std::max(tm, t.lyrics.empty() ? 0 : t.lyrics.back().time);
    m = std::max(m, tm);
  }
  m = std::max(m, s.tempos.empty() ? 0 : s.tempos.back().time);
  m = std::max(m, s.time_signatures.empty() ? 0 : s.time_signatures.back().time);
  m = std::max(m, s.key_signatures.empty() ? 0 : s.key_signatures.back().time);
  m = std::max(m, s.markers.empty() ? 0 : s.markers.back().time);
  return m;
}

std::vector<tick_t> grid_ticks(const Score& s, bool only_notes_onsets, bool bars) {
  const tick_t max_tick = only_notes_onsets ? max_tick_only_onsets(s) : score_end(s);
  if (max_tick == 0) return {0};
  std::vector<TimeSignature> ts = s.time_signatures;
  if (ts.empty()) ts.push_back(TimeSignature{0, 4, 4});
  ts.push_back(TimeSignature{max_tick + (only_notes_onsets ? 1 : 0), 4, 4});
  TimeSignature current = (ts[0].time == 0 && ts[0].denominator > 0 && ts[0].numerator > 0)
                              ? ts[0]
                              : TimeSignature{0, 4, 4};
  std::vector<tick_t> out;
  for (std::size_t i = 1; i < ts.size(); ++i) {
    if (ts[i].denominator == 0 || ts[i].numerator == 0) continue;
    long long unit = ticks_per_beat_of(current.denominator, s.ticks_per_quarter);
    if (bars) unit *= current.numerator;
    if (unit <= 0) {
      current = ts[i];
      continue;
    }
    long long diff = static_cast<long long>(ts[i].time) - current.time;
    long long n = diff > 0 ? (diff + unit - 1) / unit : -((-diff) / unit);
    for (long long k = 0; k < n; ++k) out.push_back(static_cast<tick_t>(current.time + unit * k));
    current = ts[i];
  }
  return out;
}

}  // namespace

std::vector<tick_t> bars_ticks(const Score& s, bool only_notes_onsets) {
  return grid_ticks(s, only_notes_onsets, true);
}

std::vector<tick_t> beats_ticks(const Score& s, bool only_notes_onsets) {
  return grid_ticks(s, only_notes_onsets, false);
}

void merge_same_program_tracks(std::vector<Track>& tracks) {
  std::map<int, std::vector<std::size_t>> groups;  // unique programs, ascending (np.unique)
  for (std::size_t i = 0; i < tracks.size(); ++i)
    groups[tracks[i].is_drum ? -1 : tracks[i].program].push_back(i);
  std::vector<std::vector<std::size_t>> multi;
  for (auto& [p, g] : groups)
    if (g.size() >= 2) multi.push_back(g);
  if (multi.empty()) return;
  std::vector<std::size_t> to_delete;
  for (auto it = multi.rbegin(); it != multi.rend(); ++it) {
    const auto& g = *it;
    Track merged = tracks[g[0]];
    for (std::size_t k = 1; k < g.size(); ++k) {
      const Track& o = tracks[g[k]];
      merged.name += " / " + o.name;
      merged.notes.insert(merged.notes.end(), o.notes.begin(), o.notes.end());
      merged.pedals.insert(merged.pedals.end(), o.pedals.begin(), o.pedals.end());
      merged.controls.insert(merged.controls.end(), o.controls.begin(), o.controls.end());
      merged.pitch_bends.insert(merged.pitch_bends.end(), o.pitch_bends.begin(),
                                o.pitch_bends.end());
    }
    std::stable_sort(merged.notes.begin(), merged.notes.end(), [](const Note& a, const Note& b) {
      return std::tie(a.time, a.duration, a.pitch, a.velocity) <
             std::tie(b.time, b.duration, b.pitch, b.velocity);
    });
    std::stable_sort(merged.pedals.begin(), merged.pedals.end(),
                     [](const Pedal& a, const Pedal& b) {
                       return std::tie(a.time, a.duration) < std::tie(b.time, b.duration);
                     });
    std::stable_sort(
        merged.controls.begin(), merged.controls.end(),
        [](const ControlChange& a, const ControlChange& b) { return a.time < b.time; });
    std::stable_sort(merged.pitch_bends.begin(), merged.pitch_bends.end(),
                     [](const PitchBend& a, const PitchBend& b) { return a.time < b.time; });
    tracks[g[0]] = std::move(merged);
    to_delete.insert(to_delete.end(), g.begin() + 1, g.end());
  }
  std::sort(to_delete.rbegin(), to_delete.rend());
  for (auto idx : to_delete) tracks.erase(tracks.begin() + static_cast<std::ptrdiff_t>(idx));
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
  static const char* const kPc[] = {"C",  "C#", "D",  "D#", "E",  "F",
                                    "F#", "G",  "G#", "A",  "A#", "B"};
  constexpr std::size_t kLimit = 10;
  std::vector<Event> chords;
  std::size_t tpb_idx = 0;
  long long tpb_half = tpb[0].second / 2;
  double onset_offset_tick = static_cast<double>(tpb[0].second) * 1 / beat_res;
  std::size_t count = 0;
  long long previous_tick = -1;
  const std::size_t n = notes.size();
  struct N {
    long long pitch, start, end;
  };
  std::vector<N> arr(n);
  for (std::size_t i = 0; i < n; ++i)
    arr[i] = {notes[i].pitch, notes[i].time,
              static_cast<long long>(notes[i].time) + notes[i].duration};
  std::vector<N> onset, chord;
  while (count < n) {
    if (arr[count].start == previous_tick) {
      ++count;
      continue;
    }
    while (tpb_idx + 1 < tpb.size() && arr[count].start >= tpb[tpb_idx].first) {
      ++tpb_idx;
      tpb_half = tpb[tpb_idx].second / 2;
      onset_offset_tick = static_cast<double>(tpb[tpb_idx].second) * 1 / beat_res;
    }
    onset.clear();
    const std::size_t lim = std::min(n, count + kLimit);
    const long long first_start = arr[count].start;
    for (std::size_t i = count; i < lim; ++i)
      if (static_cast<double>(arr[i].start) <= static_cast<double>(first_start) + onset_offset_tick)
        onset.push_back(arr[i]);
    bool ambiguous = false;
    for (const auto& o : onset)
      if (std::llabs(o.end - onset[0].end) > tpb_half) ambiguous = true;
    if (ambiguous) {
      count += onset.size();
      continue;
    }
    if (arr[count].end - arr[count].start <= tpb_half) {
      std::vector<N> same;
      for (const auto& o : onset)
        if (o.start == onset[0].start) same.push_back(o);
      onset = same;
    }
    chord.clear();
    for (const auto& o : onset)
      if (o.end - onset[0].end <= tpb_half) chord.push_back(o);
    std::vector<int> chord_map;
    for (const auto& c : chord) chord_map.push_back(static_cast<int>(c.pitch - chord[0].pitch));
    if (chord_map.size() >= 3 && chord_map.size() <= 5 && chord_map.back() <= 24) {
      std::string quality = "ukn" + std::to_string(chord.size());
      bool unknown = true;
      for (const auto& [q, m] : maps)
        if (m == chord_map) {
          quality = q;
          unknown = false;
          break;
        }
      if (unknown_range.has_value() || !unknown) {
        if (specify_root_note)
          quality = std::string(kPc[((arr[count].pitch % 12) + 12) % 12]) + ":" + quality;
        long long tmin = chord[0].start;
        for (const auto& c : chord) tmin = std::min(tmin, c.start);
        chords.push_back(Event{"Chord", quality, static_cast<tick_t>(tmin), program, 0});
      }
    }
    long long mx = onset[0].start;
    for (const auto& o : onset) mx = std::max(mx, o.start);
    previous_tick = mx;
    count += onset.size();
  }
  return chords;
}

}  // namespace miditok::detail
