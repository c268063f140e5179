// Quantisation primitives: closest bins, per-section time re-rounding, duration snapping.
#include "miditok/preprocess/quantize.h"

#include <algorithm>
#include <string>
#include <vector>

#include "miditok/core/error.h"
#include "numpy_like.h"

namespace miditok {

using detail::closest_index;
using detail::NumpySearch;
using detail::round_half_even;

std::size_t searchsorted_left(std::span<const std::int32_t> arr, std::int32_t key) {
  NumpySearch<std::int32_t> search(arr.data(), arr.size());
  return search(key);
}

std::int32_t closest_bin(std::span<const std::int32_t> bins, std::int32_t value) {
  if (bins.empty()) throw ConfigError("closest_bin: empty bins");
  const std::size_t idx = searchsorted_left(bins, value);
  return bins[closest_index(bins.data(), bins.size(), idx, value)];
}

double closest_bin(std::span<const double> bins, double value) {
  if (bins.empty()) throw ConfigError("closest_bin: empty bins");
  NumpySearch<double> search(bins.data(), bins.size());
  const std::size_t idx = search(value);
  return bins[closest_index(bins.data(), bins.size(), idx, value)];
}

void snap_to_closest(std::span<std::int32_t> values, std::span<const std::int32_t> bins) {
  if (values.empty()) return;
  if (bins.empty()) throw ConfigError("snap_to_closest: empty bins");
  NumpySearch<std::int32_t> search(bins.data(), bins.size());
  for (std::int32_t& v : values) {
    v = bins[closest_index(bins.data(), bins.size(), search(v), v)];
  }
}

std::span<const std::int32_t> TicksPerBeatBins::at(tick_t ticks_per_beat) const {
  for (const auto& [tpb, bins] : table) {
    if (tpb == ticks_per_beat) return bins;
  }
  throw ConfigError("duration bins: no bins for " + std::to_string(ticks_per_beat) +
                    " ticks per beat (the time signatures allowed by the tokenizer define them)");
}

namespace {

// Section index of an unsorted time: searchsorted(ends[:-1], t, side="right").
std::size_t section_of(std::span<const TickSection> factors, tick_t t) {
  std::size_t lo = 0;
  std::size_t hi = factors.size() - 1;
  while (lo < hi) {
    const std::size_t mid = lo + ((hi - lo) >> 1);
    if (factors[mid].end_tick <= t) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

tick_t round_to_grid(tick_t t, tick_t grid_start, tick_t step) {
  if (step == 0) return t;  // numpy would produce garbage from a division by zero
  const double q = round_half_even(static_cast<double>(detail::wrap_add(t, -grid_start)) /
                                   static_cast<double>(step));
  return detail::float_to_int32(q * static_cast<double>(step) + static_cast<double>(grid_start));
}

tick_t round_unsorted(std::span<const TickSection> factors, tick_t t) {
  const std::size_t s = section_of(factors, t);
  const tick_t start = s == 0 ? 0 : factors[s - 1].end_tick;
  return round_to_grid(t, start, factors[s].value);
}

// Per-section [first, last) index ranges of a time-sorted sequence as _adjust_time_to_tpb finds
// them (searchsorted of the section ends into the times, the last range open-ended).
template <class GetTime>
void section_ranges(std::size_t n, GetTime get_time, std::span<const TickSection> factors,
                    std::vector<std::size_t>& ends) {
  ends.resize(factors.size());
  std::size_t min_idx = 0;
  std::size_t max_idx = n;
  tick_t last_key = factors.empty() ? 0 : factors[0].end_tick;
  for (std::size_t k = 0; k < factors.size(); ++k) {
    const tick_t key = factors[k].end_tick;
    if (last_key < key) {
      max_idx = n;
    } else {
      min_idx = 0;
      max_idx = (max_idx < n) ? max_idx + 1 : n;
    }
    last_key = key;
    while (min_idx < max_idx) {
      const std::size_t mid = min_idx + ((max_idx - min_idx) >> 1);
      if (get_time(mid) < key) {
        min_idx = mid + 1;
      } else {
        max_idx = mid;
      }
    }
    ends[k] = min_idx;
  }
  if (!ends.empty()) ends.back() = n;
}

thread_local std::vector<std::size_t> tl_section_ends;

template <class T>
void adjust_event_times(std::span<T> events, std::span<const TickSection> factors) {
  if (events.empty() || factors.empty()) return;
  auto& ends = tl_section_ends;
  section_ranges(
      events.size(), [&](std::size_t i) { return events[i].time; }, factors, ends);
  std::size_t first = 0;
  tick_t grid_start = 0;
  for (std::size_t k = 0; k < factors.size(); ++k) {
    const std::size_t last = ends[k];
    const tick_t step = factors[k].value;
    if (step != 1) {
      for (std::size_t i = first; i < last; ++i) {
        events[i].time = round_to_grid(events[i].time, grid_start, step);
      }
    }
    first = last;
    grid_start = factors[k].end_tick;
  }
}

template <class T>
void adjust_event_onsets_offsets(std::span<T> events, std::span<const TickSection> factors,
                                 int min_duration) {
  if (events.empty() || factors.empty()) return;
  // Offsets are re-rounded from the original times, each in its own section; the duration field
  // holds the absolute offset until the onsets are done.
  for (T& e : events) e.duration = round_unsorted(factors, detail::wrap_add(e.time, e.duration));
  adjust_event_times(events, factors);
  for (T& e : events) {
    tick_t offset = e.duration;
    if (offset <= e.time) {
      offset =
          e.time + static_cast<tick_t>(min_duration) * factors[section_of(factors, e.time)].value;
    }
    e.duration = detail::wrap_add(offset, -e.time);
  }
}

thread_local std::vector<std::int32_t> tl_snapped_durations;

/// Snaps the durations of `events` to their closest bins through a table of the snapped value of
/// every duration from 0 to the last bin (the function the search computes, tabulated once per
/// call), when there are enough events for the table to pay; false (nothing done) otherwise.
template <class T>
bool snap_through_table(std::span<T> events, std::span<const std::int32_t> b) {
  if (b.empty() || b.front() < 0 || static_cast<std::size_t>(b.back()) > 4 * events.size() + 64)
    return false;
  const std::int32_t top = b.back();
  auto& table = tl_snapped_durations;
  table.resize(static_cast<std::size_t>(top) + 1);
  for (std::int32_t d = 0; d <= top; ++d) {
    const auto idx = static_cast<std::size_t>(std::lower_bound(b.begin(), b.end(), d) - b.begin());
    table[static_cast<std::size_t>(d)] = b[closest_index(b.data(), b.size(), idx, d)];
  }
  for (T& e : events) {
    const tick_t d = e.duration;
    if (d >= 0 && d <= top) {
      e.duration = table[static_cast<std::size_t>(d)];
    } else {
      const auto idx =
          static_cast<std::size_t>(std::lower_bound(b.begin(), b.end(), d) - b.begin());
      e.duration = b[closest_index(b.data(), b.size(), idx, d)];
    }
  }
  return true;
}

template <class T>
void adjust_event_durations(std::span<T> events, std::span<const TickSection> ticks_per_beat,
                            const TicksPerBeatBins& bins) {
  if (events.empty() || ticks_per_beat.empty()) return;
  const tick_t tick_last = events.back().time;
  std::size_t first = 0;
  for (std::size_t k = 0; k < ticks_per_beat.size(); ++k) {
    const auto [end_tick, tpb] = ticks_per_beat[k];
    const bool to_end = k + 1 == ticks_per_beat.size() || end_tick > tick_last;
    std::size_t last = events.size();
    if (!to_end) {
      // first + argmax(times[first:] >= end_tick): 0 when no time qualifies.
      std::size_t found = first;
      for (std::size_t i = first; i < events.size(); ++i) {
        if (events[i].time >= end_tick) {
          found = i;
          break;
        }
      }
      last = found;
    }
    const std::span<const std::int32_t> b = bins.at(tpb);
    if (first < last && !snap_through_table(events.subspan(first, last - first), b)) {
      NumpySearch<std::int32_t> search(b.data(), b.size());
      for (std::size_t i = first; i < last; ++i) {
        const tick_t d = events[i].duration;
        events[i].duration = b[closest_index(b.data(), b.size(), search(d), d)];
      }
    }
    first = last;
    if (to_end) break;
  }
}

}  // namespace

void adjust_times_to_sections(std::span<tick_t> times, std::span<const TickSection> factors) {
  if (times.empty() || factors.empty()) return;
  auto& ends = tl_section_ends;
  section_ranges(
      times.size(), [&](std::size_t i) { return times[i]; }, factors, ends);
  std::size_t first = 0;
  tick_t grid_start = 0;
  for (std::size_t k = 0; k < factors.size(); ++k) {
    const std::size_t last = ends[k];
    const tick_t step = factors[k].value;
    if (step != 1) {
      for (std::size_t i = first; i < last; ++i) {
        times[i] = round_to_grid(times[i], grid_start, step);
      }
    }
    first = last;
    grid_start = factors[k].end_tick;
  }
}

void adjust_unsorted_times_to_sections(std::span<tick_t> times,
                                       std::span<const TickSection> factors) {
  if (factors.empty()) return;
  for (tick_t& t : times) t = round_unsorted(factors, t);
}

void adjust_times_to_sections(std::span<Note> notes, std::span<const TickSection> factors) {
  adjust_event_times(notes, factors);
}
void adjust_times_to_sections(std::span<Pedal> pedals, std::span<const TickSection> factors) {
  adjust_event_times(pedals, factors);
}
void adjust_times_to_sections(std::span<PitchBend> bends, std::span<const TickSection> factors) {
  adjust_event_times(bends, factors);
}
void adjust_times_to_sections(std::span<Tempo> tempos, std::span<const TickSection> factors) {
  adjust_event_times(tempos, factors);
}
void adjust_times_to_sections(std::span<KeySignature> keys, std::span<const TickSection> factors) {
  adjust_event_times(keys, factors);
}
void adjust_times_to_sections(std::span<ControlChange> controls,
                              std::span<const TickSection> factors) {
  adjust_event_times(controls, factors);
}

void adjust_onsets_offsets(std::span<Note> notes, std::span<const TickSection> factors,
                           int min_duration) {
  adjust_event_onsets_offsets(notes, factors, min_duration);
}
void adjust_onsets_offsets(std::span<Pedal> pedals, std::span<const TickSection> factors,
                           int min_duration) {
  adjust_event_onsets_offsets(pedals, factors, min_duration);
}

void adjust_durations(std::span<Note> notes, std::span<const TickSection> ticks_per_beat,
                      const TicksPerBeatBins& bins) {
  adjust_event_durations(notes, ticks_per_beat, bins);
}
void adjust_durations(std::span<Pedal> pedals, std::span<const TickSection> ticks_per_beat,
                      const TicksPerBeatBins& bins) {
  adjust_event_durations(pedals, ticks_per_beat, bins);
}

}  // namespace miditok
