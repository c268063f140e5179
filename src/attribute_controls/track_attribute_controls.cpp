// The track-level attribute controls: onset polyphony, note density per bar, note values present
// and bar-to-bar repetition (a sparse onset/offset pianoroll, numpy's summation order for the
// mean).
#include "miditok/attribute_controls/track_attribute_controls.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <set>

#include "duration_presence.h"
#include "miditok/core/error.h"

namespace miditok {
namespace detail {

std::vector<std::string> note_value_tokens(std::string_view prefix) {
  std::vector<std::string> tokens;
  for (const std::string_view name : kNoteValueNames) {
    for (const char* value : {"0", "1"}) {
      tokens.push_back(std::string(prefix) + std::string(name) + "_" + value);
    }
  }
  return tokens;
}

std::vector<AcEvent> note_value_events(std::string_view prefix, std::span<const Note> notes,
                                       tick_t ticks_per_quarter, tick_t time) {
  static constexpr std::array<double, 6> kFactors = {4.0, 2.0, 1.0, 0.5, 0.25, 0.125};
  // The (integer) tick targets; one pass over the notes marks the ones present.
  std::array<tick_t, 6> targets{};
  std::array<bool, 6> present{};
  for (std::size_t i = 0; i < kFactors.size(); ++i) {
    const double target = static_cast<double>(ticks_per_quarter) * kFactors[i];
    targets[i] = target == std::floor(target) ? static_cast<tick_t>(target) : tick_t{-1};
  }
  for (const Note& n : notes) {
    for (std::size_t i = 0; i < targets.size(); ++i) present[i] |= n.duration == targets[i];
  }
  std::vector<AcEvent> events;
  events.reserve(kFactors.size());
  for (std::size_t i = 0; i < kFactors.size(); ++i) {
    events.push_back(
        {std::string(prefix) + std::string(kNoteValueNames[i]), present[i] ? "1" : "0", time});
  }
  return events;
}

}  // namespace detail

namespace {

// Minimum and maximum number of notes sharing an onset tick (notes need not be sorted).
std::pair<int, int> onset_polyphony(std::span<const Note> notes) {
  std::vector<tick_t> times;
  times.reserve(notes.size());
  for (const Note& n : notes) times.push_back(n.time);
  std::sort(times.begin(), times.end());
  int lo = std::numeric_limits<int>::max(), hi = 0;
  for (std::size_t i = 0; i < times.size();) {
    std::size_t j = i;
    while (j < times.size() && times[j] == times[i]) ++j;
    lo = std::min(lo, static_cast<int>(j - i));
    hi = std::max(hi, static_cast<int>(j - i));
    i = j;
  }
  return {lo, hi};
}

std::vector<std::string> min_max_tokens(const char* min_type, const char* max_type, int lo,
                                        int hi) {
  std::vector<std::string> tokens;
  for (const char* type : {min_type, max_type}) {
    for (int v = lo; v <= hi; ++v) tokens.push_back(std::string(type) + "_" + std::to_string(v));
  }
  return tokens;
}

// numpy's pairwise summation (np.add.reduce on a contiguous float64 array), so the mean, and
// therefore the nearest repetition bin, is bit-identical to MidiTok's np.mean.
double numpy_pairwise_sum(const double* a, std::size_t n) {
  if (n < 8) {
    double res = -0.0;
    for (std::size_t i = 0; i < n; ++i) res += a[i];
    return res;
  }
  if (n <= 128) {
    double r[8];
    for (int j = 0; j < 8; ++j) r[j] = a[j];
    std::size_t i = 8;
    for (; i < n - (n % 8); i += 8) {
      for (int j = 0; j < 8; ++j) r[j] += a[i + j];
    }
    double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; ++i) res += a[i];
    return res;
  }
  std::size_t n2 = n / 2;
  n2 -= n2 % 8;
  return numpy_pairwise_sum(a, n2) + numpy_pairwise_sum(a + n2, n - n2);
}

}  // namespace

// ---- TrackOnsetPolyphony ----

TrackOnsetPolyphony::TrackOnsetPolyphony(int polyphony_min, int polyphony_max)
    : AttributeControl(min_max_tokens("ACTrackOnsetPolyphonyMin", "ACTrackOnsetPolyphonyMax",
                                      polyphony_min, polyphony_max)),
      min_(polyphony_min),
      max_(polyphony_max) {
  if (polyphony_min > polyphony_max) {
    throw ConfigError("TrackOnsetPolyphony: polyphony_min (" + std::to_string(polyphony_min) +
                      ") must be <= polyphony_max (" + std::to_string(polyphony_max) + ")");
  }
}

std::vector<AcEvent> TrackOnsetPolyphony::compute_notes(std::span<const Note> notes, tick_t, tick_t,
                                                        std::span<const tick_t>,
                                                        std::span<const tick_t>,
                                                        std::span<const int>) const {
  if (notes.empty()) return {};  // MidiTok raises ValueError (np.min of an empty array)
  const auto [lo, hi] = onset_polyphony(notes);
  // MidiTok's Min is always polyphony_min (min(x, m) then max(., m)); the real minimum here.
  return {{"ACTrackOnsetPolyphonyMin", std::to_string(std::clamp(lo, min_, max_)), -1},
          {"ACTrackOnsetPolyphonyMax", std::to_string(std::clamp(hi, min_, max_)), -1}};
}

// ---- TrackNoteDensity ----

namespace {
std::vector<std::string> density_tokens(int lo, int hi) {
  std::vector<std::string> tokens;
  for (const char* type : {"ACTrackNoteDensityMin", "ACTrackNoteDensityMax"}) {
    for (int v = lo; v < hi; ++v) tokens.push_back(std::string(type) + "_" + std::to_string(v));
  }
  tokens.push_back("ACTrackNoteDensityMin_" + std::to_string(hi) + "+");
  tokens.push_back("ACTrackNoteDensityMax_" + std::to_string(hi) + "+");
  return tokens;
}
}  // namespace

TrackNoteDensity::TrackNoteDensity(int density_min, int density_max)
    : AttributeControl(density_tokens(density_min, density_max)),
      min_(density_min),
      max_(density_max) {
  if (density_min > density_max) {
    throw ConfigError("TrackNoteDensity: density_min (" + std::to_string(density_min) +
                      ") must be <= density_max (" + std::to_string(density_max) + ")");
  }
}

std::vector<AcEvent> TrackNoteDensity::compute_notes(std::span<const Note> notes, tick_t track_end,
                                                     tick_t, std::span<const tick_t> bars_ticks,
                                                     std::span<const tick_t>,
                                                     std::span<const int>) const {
  // np.histogram(onsets, bins=bars (+ track end + 1)): bins [b_i, b_i+1), the last one closed;
  // onsets outside [b_0, b_last] are not counted.
  std::vector<tick_t> edges(bars_ticks.begin(), bars_ticks.end());
  if (edges.empty() || track_end > edges.back()) edges.push_back(track_end + 1);
  std::vector<int> counts(edges.size() > 1 ? edges.size() - 1 : 1, 0);
  for (const Note& n : notes) {
    if (edges.size() == 1) {
      ++counts[0];
      continue;
    }
    if (n.time < edges.front() || n.time > edges.back()) continue;
    auto bin = static_cast<std::size_t>(std::upper_bound(edges.begin(), edges.end(), n.time) -
                                        edges.begin() - 1);
    counts[std::min(bin, counts.size() - 1)]++;
  }
  const int lo = std::max(*std::min_element(counts.begin(), counts.end()), min_);
  const int hi = std::max(*std::max_element(counts.begin(), counts.end()), min_);
  const std::string plus = std::to_string(max_) + "+";
  if (lo >= max_) return {{"ACTrackNoteDensityMin", plus, -1}, {"ACTrackNoteDensityMax", plus, -1}};
  return {{"ACTrackNoteDensityMin", std::to_string(lo), -1},
          {"ACTrackNoteDensityMax", hi >= max_ ? plus : std::to_string(hi), -1}};
}

// ---- TrackNoteDuration ----

TrackNoteDuration::TrackNoteDuration()
    : AttributeControl(detail::note_value_tokens("ACTrackNoteDuration")) {}

std::vector<AcEvent> TrackNoteDuration::compute_notes(std::span<const Note> notes, tick_t,
                                                      tick_t ticks_per_quarter,
                                                      std::span<const tick_t>,
                                                      std::span<const tick_t>,
                                                      std::span<const int>) const {
  // MidiTok lists six names but five factors, so it never emits ThirtySecond; all six here.
  return detail::note_value_events("ACTrackNoteDuration", notes, ticks_per_quarter, -1);
}

// ---- TrackRepetition ----

namespace {
std::vector<double> linspace01(int num) {
  std::vector<double> bins;
  if (num <= 0) return bins;
  if (num == 1) return {0.0};
  const double step = 1.0 / static_cast<double>(num - 1);
  for (int i = 0; i < num; ++i) bins.push_back(static_cast<double>(i) * step);
  bins.back() = 1.0;
  return bins;
}

std::string format_bin(double v) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.2f", v);
  return buf;
}

std::vector<std::string> repetition_tokens(const std::vector<double>& bins) {
  std::vector<std::string> tokens;
  for (const double b : bins) tokens.push_back("ACTrackRepetition_" + format_bin(b));
  return tokens;
}
}  // namespace

TrackRepetition::TrackRepetition(int num_bins, int num_consecutive_bars,
                                 std::pair<int, int> pitch_range)
    : AttributeControl(repetition_tokens(linspace01(num_bins))),
      bins_(linspace01(num_bins)),
      num_consecutive_bars_(num_consecutive_bars),
      pitch_range_(pitch_range) {
  if (num_bins < 1) {
    throw ConfigError("TrackRepetition: num_bins must be >= 1, got " + std::to_string(num_bins));
  }
}

std::vector<AcEvent> TrackRepetition::compute_notes(std::span<const Note> notes, tick_t track_end,
                                                    tick_t, std::span<const tick_t> bars_ticks,
                                                    std::span<const tick_t>,
                                                    std::span<const int>) const {
  // The pianoroll symusic builds (modes onset and offset, pitches [lo, hi), track_end + 1 ticks),
  // kept sparse: one key per set cell, ordered by (tick, pitch, mode).
  const std::int64_t n_pitches = std::max(0, pitch_range_.second - pitch_range_.first);
  const std::int64_t width = n_pitches * 2;
  const std::int64_t n_ticks = static_cast<std::int64_t>(track_end) + 1;
  std::vector<std::int64_t> cells;
  cells.reserve(notes.size() * 2);
  for (const Note& n : notes) {
    if (n.pitch < pitch_range_.first || n.pitch >= pitch_range_.second) continue;
    const std::int64_t p = n.pitch - pitch_range_.first;
    cells.push_back(static_cast<std::int64_t>(n.time) * width + p * 2);
    cells.push_back(static_cast<std::int64_t>(n.end()) * width + p * 2 + 1);
  }
  std::sort(cells.begin(), cells.end());
  cells.erase(std::unique(cells.begin(), cells.end()), cells.end());

  // Python slicing of the (T, P, 2) roll: rows [a, e) clipped to [0, T].
  const auto slice = [&](std::int64_t a, std::int64_t e) {
    a = std::min(a, n_ticks);
    e = std::max(a, std::min(e, n_ticks));
    const auto first = std::lower_bound(cells.begin(), cells.end(), a * width);
    const auto last = std::lower_bound(first, cells.end(), e * width);
    return std::tuple{a, e - a, first, last};
  };

  std::vector<double> similarities;
  const auto n_bars = static_cast<std::int64_t>(bars_ticks.size());
  for (std::int64_t i = 0; i + 1 < n_bars; ++i) {
    if (bars_ticks[i] > n_ticks) break;  // the track ended at a previous bar
    const auto [a1, len1, f1, l1] = slice(bars_ticks[i], bars_ticks[i + 1]);
    const auto n1 = l1 - f1;
    if (n1 == 0) continue;
    const std::int64_t stop = std::min(n_bars, i + num_consecutive_bars_);
    for (std::int64_t j = i + 1; j < stop; ++j) {
      const std::int64_t e2 = j + 1 < n_bars ? bars_ticks[j + 1] : n_ticks;
      const auto [a2, len2, f2, l2] = slice(bars_ticks[j], e2);
      if (len1 != len2) continue;
      // Cells set in both bars, at the same offset from their bar's start.
      std::int64_t both = 0;
      auto p1 = f1;
      auto p2 = f2;
      while (p1 != l1 && p2 != l2) {
        const std::int64_t k1 = *p1 - a1 * width, k2 = *p2 - a2 * width;
        if (k1 == k2) {
          ++both, ++p1, ++p2;
        } else if (k1 < k2) {
          ++p1;
        } else {
          ++p2;
        }
      }
      similarities.push_back(static_cast<double>(both) / static_cast<double>(n1));
    }
  }
  if (similarities.empty()) return {};
  const double mean = numpy_pairwise_sum(similarities.data(), similarities.size()) /
                      static_cast<double>(similarities.size());
  std::size_t best = 0;
  for (std::size_t b = 1; b < bins_.size(); ++b) {
    if (std::abs(bins_[b] - mean) < std::abs(bins_[best] - mean)) best = b;
  }
  return {{"ACTrackRepetition", format_bin(bins_[best]), -1}};
}

}  // namespace miditok
