// adjust_time, Track.trim and the beat grids with symusic 0.6.0's arithmetic (ops.h's
// adjust_time_inplace_inner and trim_inplace, score.cpp's beat timeline in float32 quarters).
#include "miditok/score/score_time_ops.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>

#include "miditok/core/error.h"
#include "miditok/score/score_ops.h"

namespace miditok {
namespace {

// A double truncated toward zero into a tick; NaN and out-of-range values give INT32_MIN, the
// value x86's conversion gives symusic there.
tick_t truncate_tick(double x) {
  if (!(x > -2147483649.0 && x < 2147483648.0)) return std::numeric_limits<tick_t>::min();
  return static_cast<tick_t>(x);
}

// Tick addition wrapping on overflow (two's complement), as symusic's int32 arithmetic does.
tick_t wrap_add(tick_t a, tick_t b) {
  return static_cast<tick_t>(static_cast<std::uint32_t>(a) + static_cast<std::uint32_t>(b));
}

tick_t wrap_sub(tick_t a, tick_t b) {
  return static_cast<tick_t>(static_cast<std::uint32_t>(a) - static_cast<std::uint32_t>(b));
}

// The piece of the time map an event is in: [first, second] mapped from pivot_new on.
struct Segment {
  const std::vector<tick_t>& from;
  const std::vector<tick_t>& to;
  tick_t first = 0;
  tick_t second = 0;
  tick_t pivot_new = 0;
  double factor = 0;

  void select(std::size_t idx) {
    factor =
        static_cast<double>(to[idx] - to[idx - 1]) / static_cast<double>(from[idx] - from[idx - 1]);
    first = from[idx - 1];
    second = from[idx];
    pivot_new = to[idx - 1];
  }
  // Selects the piece whose end is the first original time at or after t (past the first).
  void select_for(tick_t t) {
    select(
        static_cast<std::size_t>(std::lower_bound(from.begin() + 1, from.end(), t) - from.begin()));
  }
  tick_t map(tick_t t) const {
    return wrap_add(pivot_new, truncate_tick(factor * static_cast<double>(wrap_sub(t, first))));
  }
};

template <class E>
constexpr bool kTimed = requires(E e) {
  e.duration;
};

template <class F>
void for_each_track_list(Track& t, F f) {
  f(t.notes);
  f(t.controls);
  f(t.pitch_bends);
  f(t.pedals);
  f(t.lyrics);
}

// Notes and pedals: symusic's four filters by mode pair, then the truncations.
template <class E>
void trim_timed(std::vector<E>& events, tick_t start, tick_t end, tick_t min_overlap,
                const std::string& start_mode, const std::string& end_mode) {
  const bool remove_start = start_mode == "remove";
  const bool remove_end = end_mode == "remove";
  std::erase_if(events, [&](const E& e) {
    const bool head = remove_start ? e.time >= start : e.end() - start >= min_overlap;
    const bool tail = remove_end ? e.end() <= end : end - e.time >= min_overlap;
    return !(head && tail);
  });
  const bool cut_start = start_mode == "truncate";
  const bool cut_end = end_mode == "truncate";
  for (auto& e : events) {
    if (cut_start && e.time < start) {
      e.duration = e.end() - start;
      e.time = start;
    }
    if (cut_end && e.end() > end) e.duration -= e.end() - end;
  }
}

template <class E>
void keep_window(std::vector<E>& events, tick_t start, tick_t end) {
  std::erase_if(events, [&](const E& e) { return !(e.time >= start && e.time < end); });
}

// ---- beat grid (float32 quarters, symusic's tolerance 1e-4) ----

struct QuarterSignature {
  float time;
  int numerator;
  int denominator;
};

constexpr float kTolerance = 1e-4f;
// Beats a grid may hold (256 MiB of float32): past it, or when float32 can no longer advance a
// beat, get_beats raises instead of exhausting memory or looping forever as symusic does.
constexpr std::size_t kMaxBeats = std::size_t{1} << 26;

bool close_enough(float a, float b) { return std::fabs(a - b) <= kTolerance; }
bool ge_or_close(float a, float b) { return a > b || close_enough(a, b); }

float beat_step(const std::optional<QuarterSignature>& ts) {
  if (!ts.has_value() || ts->denominator == 0) return 1.f;
  if (ts->numerator % 3 == 0 && ts->numerator != 3)
    return 12.f / static_cast<float>(ts->denominator);
  return 4.f / static_cast<float>(ts->denominator);
}

std::size_t beats_per_bar(const QuarterSignature& ts) {
  if (ts.numerator == 0) return 1;
  if (ts.numerator % 3 == 0 && ts.numerator != 3)
    return std::max<std::size_t>(1, static_cast<std::size_t>(ts.numerator / 3));
  return std::max<std::size_t>(1, static_cast<std::size_t>(ts.numerator));
}

std::size_t find_time(const std::vector<float>& values, float target, std::size_t fallback) {
  for (std::size_t i = 0; i < values.size(); ++i)
    if (close_enough(values[i], target)) return i;
  return fallback;
}

struct Timeline {
  float tpq;
  float end;
  std::vector<QuarterSignature> signatures;  // sorted by time
};

Timeline timeline_of(const Score& score) {
  Timeline tl{static_cast<float>(score.ticks_per_quarter), 0.f, {}};
  tl.end = static_cast<float>(score_end(score)) / tl.tpq;
  tl.signatures.reserve(score.time_signatures.size());
  for (const auto& ts : score.time_signatures)
    tl.signatures.push_back({static_cast<float>(ts.time) / tl.tpq, ts.numerator, ts.denominator});
  std::sort(tl.signatures.begin(), tl.signatures.end(),
            [](const QuarterSignature& a, const QuarterSignature& b) { return a.time < b.time; });
  return tl;
}

std::vector<float> beats_quarters(const Timeline& tl, float start) {
  if (!std::isfinite(start) || !std::isfinite(tl.end) || start >= tl.end) return {};
  const auto& sigs = tl.signatures;
  std::vector<float> beats{start};
  std::size_t next = 0;
  std::optional<QuarterSignature> current;
  while (next < sigs.size() && ge_or_close(beats.back(), sigs[next].time)) current = sigs[next++];
  while (beats.back() < tl.end) {
    float beat = beats.back() + beat_step(current);
    if (next < sigs.size() && ge_or_close(beat, sigs[next].time)) {
      beat = sigs[next].time;
      current = sigs[next++];
      while (next < sigs.size() && close_enough(sigs[next].time, beat)) current = sigs[next++];
    }
    if (!(beat > beats.back()) || beats.size() >= kMaxBeats) {
      throw ConfigError("get_beats: the beat grid from quarter " + std::to_string(start) + " to " +
                        std::to_string(tl.end) +
                        " has more beats than float32 quarters can hold apart (" +
                        std::to_string(kMaxBeats) + " at most)");
    }
    beats.push_back(beat);
  }
  beats.pop_back();
  return beats;
}

std::vector<tick_t> to_ticks(const std::vector<float>& quarters, float tpq) {
  std::vector<tick_t> out;
  out.reserve(quarters.size());
  for (const float q : quarters) {
    const float r = std::round(q * tpq);
    out.push_back(r < 2147483648.f && r >= -2147483648.f ? static_cast<tick_t>(r)
                                                         : std::numeric_limits<tick_t>::min());
  }
  return out;
}

}  // namespace

void check_adjust_times(const std::vector<tick_t>& original_times,
                        const std::vector<tick_t>& new_times) {
  if (original_times.size() != new_times.size())
    throw ConfigError("adjust_time: original_times and new_times should have the same size");
  if (original_times.size() < 2)
    throw ConfigError("adjust_time: original_times and new_times should have at least 2 items");
  if (!std::is_sorted(original_times.begin(), original_times.end()))
    throw ConfigError("adjust_time: original_times should be sorted");
  if (!std::is_sorted(new_times.begin(), new_times.end()))
    throw ConfigError("adjust_time: new_times should be sorted");
}

template <class E>
void adjust_time_events(std::vector<E>& events, const std::vector<tick_t>& original_times,
                        const std::vector<tick_t>& new_times) {
  if (events.empty()) return;
  const tick_t lo = original_times.front();
  const tick_t hi = original_times.back();
  Segment seg{original_times, new_times};
  seg.select(1);
  std::size_t kept = 0;
  for (std::size_t j = 0; j < events.size(); ++j) {
    E& e = events[j];
    tick_t end = e.time;
    if constexpr (kTimed<E>) end = wrap_add(e.time, e.duration);
    if (!(e.time >= lo && end <= hi)) continue;
    if (e.time < seg.first || e.time > seg.second) seg.select_for(e.time);
    const tick_t start = seg.map(e.time);
    if constexpr (kTimed<E>) {
      if (end > seg.second) seg.select_for(end);
      e.duration = wrap_sub(seg.map(end), start);
    }
    e.time = start;
    if (kept != j) events[kept] = std::move(e);
    ++kept;
  }
  events.resize(kept);
}

template void adjust_time_events(std::vector<Note>&, const std::vector<tick_t>&,
                                 const std::vector<tick_t>&);
template void adjust_time_events(std::vector<Pedal>&, const std::vector<tick_t>&,
                                 const std::vector<tick_t>&);
template void adjust_time_events(std::vector<ControlChange>&, const std::vector<tick_t>&,
                                 const std::vector<tick_t>&);
template void adjust_time_events(std::vector<PitchBend>&, const std::vector<tick_t>&,
                                 const std::vector<tick_t>&);
template void adjust_time_events(std::vector<Tempo>&, const std::vector<tick_t>&,
                                 const std::vector<tick_t>&);
template void adjust_time_events(std::vector<TimeSignature>&, const std::vector<tick_t>&,
                                 const std::vector<tick_t>&);
template void adjust_time_events(std::vector<KeySignature>&, const std::vector<tick_t>&,
                                 const std::vector<tick_t>&);
template void adjust_time_events(std::vector<TextMeta>&, const std::vector<tick_t>&,
                                 const std::vector<tick_t>&);

void adjust_time_inplace(Track& track, const std::vector<tick_t>& original_times,
                         const std::vector<tick_t>& new_times) {
  check_adjust_times(original_times, new_times);
  for_each_track_list(track,
                      [&](auto& events) { adjust_time_events(events, original_times, new_times); });
}

void adjust_time_inplace(Score& score, const std::vector<tick_t>& original_times,
                         const std::vector<tick_t>& new_times) {
  check_adjust_times(original_times, new_times);
  auto adjust = [&](auto& events) { adjust_time_events(events, original_times, new_times); };
  for (auto& t : score.tracks) for_each_track_list(t, adjust);
  adjust(score.time_signatures);
  adjust(score.key_signatures);
  adjust(score.tempos);
  adjust(score.markers);
}

void trim_inplace(Track& track, tick_t start, tick_t end, tick_t min_overlap,
                  const std::string& start_mode, const std::string& end_mode) {
  trim_timed(track.notes, start, end, min_overlap, start_mode, end_mode);
  keep_window(track.controls, start, end);
  keep_window(track.pitch_bends, start, end);
  trim_timed(track.pedals, start, end, min_overlap, start_mode, end_mode);
  keep_window(track.lyrics, start, end);
}

std::vector<tick_t> score_beats(const Score& score, tick_t start_time) {
  const Timeline tl = timeline_of(score);
  return to_ticks(beats_quarters(tl, static_cast<float>(start_time) / tl.tpq), tl.tpq);
}

std::vector<tick_t> score_downbeats(const Score& score, tick_t start_time) {
  const Timeline tl = timeline_of(score);
  const float start = static_cast<float>(start_time) / tl.tpq;
  const std::vector<float> beats = beats_quarters(tl, start);
  if (beats.empty()) return {};
  std::vector<QuarterSignature> sigs = tl.signatures;
  if (sigs.empty() || sigs.front().time > start) sigs.insert(sigs.begin(), {start, 4, 4});
  std::vector<float> downbeats;
  std::size_t end_index = 0;
  for (std::size_t i = 0; i + 1 < sigs.size(); ++i) {
    const std::size_t first = find_time(beats, sigs[i].time, 0);
    end_index = find_time(beats, sigs[i + 1].time, first);
    const std::size_t stride = beats_per_bar(sigs[i]);
    for (std::size_t b = first; b < end_index; b += stride) downbeats.push_back(beats[b]);
  }
  const std::size_t first = find_time(beats, sigs.back().time, end_index);
  const std::size_t stride = beats_per_bar(sigs.back());
  for (std::size_t b = first; b < beats.size(); b += stride) downbeats.push_back(beats[b]);
  return to_ticks(downbeats, tl.tpq);
}

}  // namespace miditok
