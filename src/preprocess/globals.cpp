// Global events preprocessing: tempos, time signatures and key signatures.
#include "miditok/preprocess/globals.h"

#include <algorithm>
#include <cmath>

#include "miditok/core/error.h"
#include "miditok/preprocess/quantize.h"
#include "numpy_like.h"

namespace miditok {

std::int32_t qpm_to_mspq(double qpm) {
  return static_cast<std::int32_t>(std::round(60000000.0 / qpm));
}

void preprocess_tempos(std::vector<Tempo>& tempos, std::span<const double> mspq_bins,
                       std::span<const TickSection> resampling_factors,
                       bool delete_equal_successive, double default_tempo_qpm) {
  const Tempo default_tempo{0, qpm_to_mspq(default_tempo_qpm)};
  if (tempos.empty()) {
    tempos.push_back(default_tempo);
    return;
  }
  if (!mspq_bins.empty()) {
    detail::NumpySearch<double> search(mspq_bins.data(), mspq_bins.size());
    for (Tempo& t : tempos) {
      const double v = t.mspq;
      const double bin =
          mspq_bins[detail::closest_index(mspq_bins.data(), mspq_bins.size(), search(v), v)];
      t.mspq = static_cast<std::int32_t>(bin);  // from_numpy truncates the float mspq
    }
  }
  adjust_times_to_sections(std::span<Tempo>(tempos), resampling_factors);
  // Of the tempos on one tick keep the last.
  std::size_t out = 0;
  for (std::size_t i = 0; i < tempos.size(); ++i) {
    if (i + 1 < tempos.size() && tempos[i + 1].time == tempos[i].time) continue;
    tempos[out++] = tempos[i];
  }
  tempos.resize(out);
  if (delete_equal_successive) {
    out = 0;
    for (std::size_t i = 0; i < tempos.size(); ++i) {
      if (i > 0 && tempos[i].mspq == tempos[i - 1].mspq) continue;
      tempos[out++] = tempos[i];
    }
    // Runs compare neighbours of the unfiltered list: equal values are transitive, so the first
    // of each run of equal mspq is what stays.
    tempos.resize(out);
  }
  if (delete_equal_successive && tempos.front().qpm() == default_tempo_qpm) {
    tempos.front().time = 0;
  } else if (tempos.front().time != 0) {
    tempos.insert(tempos.begin(), default_tempo);
  }
}

void filter_time_signatures(std::vector<TimeSignature>& time_signatures,
                            std::span<const std::pair<int, int>> supported) {
  std::erase_if(time_signatures, [supported](const TimeSignature& ts) {
    return std::find(supported.begin(), supported.end(),
                     std::pair<int, int>{ts.numerator, ts.denominator}) == supported.end();
  });
}

void ensure_time_signature_at_zero(std::vector<TimeSignature>& time_signatures) {
  if (time_signatures.empty() || time_signatures.front().time != 0) {
    time_signatures.insert(time_signatures.begin(), TimeSignature{0, 4, 4});
  }
}

void resample_time_signatures(std::span<TimeSignature> time_signatures, tick_t old_tpq,
                              tick_t new_tpq) {
  const double factor = static_cast<double>(new_tpq) / static_cast<double>(old_tpq);
  for (TimeSignature& ts : time_signatures) {
    ts.time = static_cast<tick_t>(static_cast<double>(ts.time) * factor);
  }
}

tick_t prepare_time_signatures(std::span<const TimeSignature> time_signatures,
                               bool use_time_signatures,
                               std::span<const std::pair<int, int>> supported,
                               int max_num_pos_per_beat, std::vector<TimeSignature>& out) {
  out.clear();
  if (!use_time_signatures) {
    out.push_back(TimeSignature{0, 4, 4});
    return max_num_pos_per_beat;
  }
  out.assign(time_signatures.begin(), time_signatures.end());
  filter_time_signatures(out, supported);
  ensure_time_signature_at_zero(out);
  int max_den = 0;
  for (const TimeSignature& ts : out) max_den = std::max<int>(max_den, ts.denominator);
  return static_cast<tick_t>(static_cast<double>(max_num_pos_per_beat) * max_den / 4.0);
}

namespace {

bool same_signature(const TimeSignature& a, const TimeSignature& b) {
  return a.numerator == b.numerator && a.denominator == b.denominator;
}

tick_t bar_ticks(const TimeSignature& ts, tick_t tpq) {
  const tick_t t = compute_ticks_per_bar(ts, tpq);
  if (t == 0) throw ConfigError("time signature gives 0 ticks per bar at this tpq");
  return t;
}

}  // namespace

void preprocess_time_signatures(std::vector<TimeSignature>& ts, tick_t tpq,
                                bool delete_equal_successive) {
  if (!ts.empty()) {
    std::size_t i = 0;
    tick_t ticks_per_bar = bar_ticks(ts[0], tpq);
    tick_t previous_tick = 0;
    while (i < ts.size()) {
      if (i >= 1 && same_signature(ts[i], ts[i - 1])) {
        ts.erase(ts.begin() + static_cast<std::ptrdiff_t>(i));
        continue;
      }
      if (i >= 1 && ts[i].time < ts[i - 1].time) ts[i].time = ts[i - 1].time;
      const std::int64_t diff = static_cast<std::int64_t>(ts[i].time) - previous_tick;
      std::int64_t bar_offset = diff / ticks_per_bar;
      std::int64_t rest = diff % ticks_per_bar;
      if (rest != 0 && ((rest < 0) != (ticks_per_bar < 0))) {  // Python's floored divmod
        rest += ticks_per_bar;
        --bar_offset;
      }
      if (rest > 0) {
        ts[i].time = static_cast<tick_t>(previous_tick + (bar_offset + 1) * ticks_per_bar);
      }
      ticks_per_bar = bar_ticks(ts[i], tpq);
      previous_tick = ts[i].time;
      if (i >= 1 && ts[i].time == ts[i - 1].time) {
        ts.erase(ts.begin() + static_cast<std::ptrdiff_t>(i - 1));
        if (i >= 2 && same_signature(ts[i - 1], ts[i - 2])) {
          ts.erase(ts.begin() + static_cast<std::ptrdiff_t>(i - 1));
          ticks_per_bar = bar_ticks(ts[i - 2], tpq);
          previous_tick = ts[i - 2].time;
          --i;
        }
        continue;
      }
      ++i;
    }
  }
  if (!ts.empty()) {
    if (delete_equal_successive && ts[0].numerator == 4 && ts[0].denominator == 4) {
      ts[0].time = 0;
    } else if (ts[0].time != 0) {
      ts.insert(ts.begin(), TimeSignature{0, 4, 4});
    }
  } else {
    ts.push_back(TimeSignature{0, 4, 4});
  }
}

void preprocess_key_signatures(std::vector<KeySignature>& keys,
                               std::span<const TickSection> resampling_factors) {
  std::stable_sort(keys.begin(), keys.end(),
                   [](const KeySignature& a, const KeySignature& b) { return a.time < b.time; });
  adjust_times_to_sections(std::span<KeySignature>(keys), resampling_factors);
  // {time: key} semantics: each tick keeps its first position and its last key.
  std::size_t out = 0;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    bool merged = false;
    for (std::size_t j = 0; j < out; ++j) {
      if (keys[j].time == keys[i].time) {
        keys[j] = keys[i];
        merged = true;
        break;
      }
    }
    if (!merged) keys[out++] = keys[i];
  }
  keys.resize(out);
  if (keys.empty() || keys.front().time != 0) {
    keys.insert(keys.begin(), KeySignature{0, 0, 0});
  }
}

}  // namespace miditok
