// Track controls preprocessing: pitch bends, sustain pedals and control changes.
#include "miditok/preprocess/controls.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <numeric>

#include "numpy_like.h"

namespace miditok {

void preprocess_pitch_bends(std::vector<PitchBend>& bends, std::span<const std::int32_t> bins,
                            std::span<const TickSection> resampling_factors) {
  if (bends.empty()) return;
  if (!bins.empty()) {
    detail::NumpySearch<std::int32_t> search(bins.data(), bins.size());
    for (PitchBend& pb : bends) {
      pb.value = bins[detail::closest_index(bins.data(), bins.size(), search(pb.value), pb.value)];
    }
  }
  adjust_times_to_sections(std::span<PitchBend>(bends), resampling_factors);
  // Runs of equal times: the first bend stays, with the value of largest magnitude in the run.
  std::size_t out = 0;
  std::size_t i = 0;
  const std::size_t n = bends.size();
  while (i < n) {
    std::size_t j = i + 1;
    std::int32_t best = bends[i].value;
    while (j < n && bends[j].time == bends[i].time) {
      if (std::abs(bends[j].value) > std::abs(best)) best = bends[j].value;
      ++j;
    }
    bends[out] = bends[i];
    bends[out].value = best;
    ++out;
    i = j;
  }
  bends.resize(out);
}

namespace {
thread_local std::vector<tick_t> tl_ends;
thread_local std::vector<char> tl_delete;
}  // namespace

void merge_overlapping_pedals(std::vector<Pedal>& pedals) {
  const std::size_t n = pedals.size();
  if (n < 2) return;
  auto& end = tl_ends;
  end.resize(n);
  for (std::size_t i = 0; i < n; ++i) end[i] = detail::wrap_add(pedals[i].time, pedals[i].duration);
  // Group starts: overlapping indexes (end[i] >= time[i+1]) not preceded by an overlapping one.
  auto& del = tl_delete;
  del.assign(n, 0);
  bool any = false;
  bool prev_overlap = false;
  for (std::size_t idx = 0; idx + 1 < n; ++idx) {
    const bool overlap = end[idx] >= pedals[idx + 1].time;
    if (overlap && !prev_overlap) {
      any = true;
      for (std::size_t k = idx + 1; k < n && end[idx] >= pedals[k].time; ++k) {
        pedals[idx].duration =
            std::max(pedals[idx].duration, detail::wrap_add(end[k], -pedals[idx].time));
        end[idx] = detail::wrap_add(pedals[idx].time, pedals[idx].duration);
        del[k] = 1;
      }
    }
    prev_overlap = overlap;
  }
  if (!any) return;
  std::size_t out = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!del[i]) pedals[out++] = pedals[i];
  }
  pedals.resize(out);
}

void preprocess_pedals(std::vector<Pedal>& pedals, std::span<const TickSection> resampling_factors,
                       bool snap_durations, std::span<const TickSection> ticks_per_beat,
                       const TicksPerBeatBins* duration_bins, int min_duration) {
  if (pedals.empty()) return;
  if (!resampling_factors.empty()) {
    if (snap_durations) {
      adjust_times_to_sections(std::span<Pedal>(pedals), resampling_factors);
    } else {
      adjust_onsets_offsets(std::span<Pedal>(pedals), resampling_factors, min_duration);
    }
  }
  merge_overlapping_pedals(pedals);
  if (snap_durations && duration_bins != nullptr) {
    adjust_durations(std::span<Pedal>(pedals), ticks_per_beat, *duration_bins);
  }
}

namespace {

constexpr int kContinuous[] = {1,  2,  4,  5,  7,  8,  10, 11, 64, 67, 71, 72,
                               73, 74, 75, 76, 77, 78, 91, 92, 93, 94, 95};
constexpr int kSwitch[] = {65, 66, 68, 69, 122};
constexpr int kDeduplicable[] = {1,  2,  4,  5,  7,  8,  10, 11, 64, 65, 66, 67, 68, 69,
                                 71, 72, 73, 74, 75, 76, 77, 78, 91, 92, 93, 94, 95};

template <std::size_t N>
bool contains(const int (&arr)[N], int v) {
  return std::find(std::begin(arr), std::end(arr), v) != std::end(arr);
}

thread_local std::vector<std::size_t> tl_order;
thread_local std::vector<ControlChange> tl_controls;
thread_local std::vector<tick_t> tl_times;

}  // namespace

bool is_deduplicable_control_change(int number) { return contains(kDeduplicable, number); }

ControlChangeValueBins make_control_change_value_bins(std::span<const int> numbers, int n_bins) {
  ControlChangeValueBins out;
  std::vector<std::int32_t> continuous(static_cast<std::size_t>(std::max(n_bins, 0)));
  const double step = n_bins > 1 ? 127.0 / static_cast<double>(n_bins - 1) : 0.0;
  for (int i = 0; i < n_bins; ++i) {
    const double y = (i == n_bins - 1 && n_bins > 1) ? 127.0 : static_cast<double>(i) * step;
    continuous[static_cast<std::size_t>(i)] = static_cast<std::int32_t>(std::nearbyint(y));
  }
  for (int number : numbers) {
    if (number < 0 || number > 127) continue;
    auto& bins = out[static_cast<std::size_t>(number)];
    if (contains(kContinuous, number)) {
      bins = continuous;
    } else if (contains(kSwitch, number)) {
      bins = {0, 127};
    } else {
      bins.resize(128);
      std::iota(bins.begin(), bins.end(), 0);
    }
  }
  return out;
}

void preprocess_control_changes(std::vector<ControlChange>& controls,
                                std::span<const tick_t> original_times,
                                const ControlChangeValueBins& value_bins,
                                const std::array<bool, 128>& allowed_numbers,
                                std::span<const TickSection> resampling_factors) {
  const std::size_t n = controls.size();
  if (n == 0) return;
  auto& times = tl_times;
  times.assign(original_times.begin(), original_times.end());
  times.resize(n, 0);
  if (n > 1 && !std::is_sorted(times.begin(), times.end())) {
    auto& order = tl_order;
    order.resize(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return times[a] < times[b]; });
    auto& copy = tl_controls;
    copy.assign(controls.begin(), controls.end());
    auto& times_copy = tl_ends;
    times_copy.assign(times.begin(), times.end());
    for (std::size_t i = 0; i < n; ++i) {
      controls[i] = copy[order[i]];
      times[i] = times_copy[order[i]];
    }
  }
  for (ControlChange& cc : controls) {
    const auto& bins = value_bins[cc.number & 0x7F];
    if (!bins.empty() && bins.size() < 128) {
      const std::int32_t v = cc.value;
      const std::size_t idx = std::lower_bound(bins.begin(), bins.end(), v) - bins.begin();
      cc.value =
          static_cast<std::uint8_t>(bins[detail::closest_index(bins.data(), bins.size(), idx, v)]);
    }
  }
  // Keep flags are decided on the unfiltered neighbours, then the vector is compacted.
  std::size_t out = 0;
  ControlChange prev{};
  tick_t prev_time = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const ControlChange cc = controls[i];
    bool keep = allowed_numbers[cc.number & 0x7F];
    if (i > 0 && times[i] == prev_time && cc.number == prev.number && cc.value == prev.value &&
        is_deduplicable_control_change(cc.number)) {
      keep = false;
    }
    prev = cc;
    prev_time = times[i];
    if (keep) controls[out++] = cc;
  }
  controls.resize(out);
  adjust_times_to_sections(std::span<ControlChange>(controls), resampling_factors);
}

}  // namespace miditok
