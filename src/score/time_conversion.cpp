// Tick <-> quarter and tick <-> second conversions with symusic 0.6.0's arithmetic
// (include/symusic/detail/time_conversion.h): float32 quarters, float32 second pivots accumulated
// over the tempo list sorted by std::sort, with a default 500000 mspq tempo at tick 0.
#include "miditok/score/time_conversion.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace miditok {
namespace {

// Index of the last pivot at or before `time` (0 for times before the first pivot).
template <class T>
std::size_t pivot_index(const std::vector<T>& pivots, T time) {
  const auto it = std::upper_bound(pivots.begin(), pivots.end(), time);
  return it == pivots.begin() ? 0 : static_cast<std::size_t>(it - pivots.begin() - 1);
}

tick_t round_to_tick(double x) {
  const double r = std::round(x);
  if (!(r < 2147483648.0)) return std::numeric_limits<tick_t>::max();
  if (!(r >= -2147483648.0)) return std::numeric_limits<tick_t>::min();
  return static_cast<tick_t>(r);
}

}  // namespace

std::vector<float> ticks_to_quarters(const Score& score, std::span<const tick_t> ticks) {
  const auto tpq = static_cast<float>(score.ticks_per_quarter);
  std::vector<float> out(ticks.size());
  for (std::size_t i = 0; i < ticks.size(); ++i) out[i] = static_cast<float>(ticks[i]) / tpq;
  return out;
}

std::vector<tick_t> quarters_to_ticks(const Score& score, std::span<const float> quarters) {
  const auto tpq = static_cast<float>(score.ticks_per_quarter);
  std::vector<tick_t> out(quarters.size());
  for (std::size_t i = 0; i < quarters.size(); ++i) {
    const float product = quarters[i] * tpq;
    out[i] = round_to_tick(std::round(product));
  }
  return out;
}

TempoMap::TempoMap(const Score& score) : tpq_(static_cast<double>(score.ticks_per_quarter)) {
  // Tick -> second pivots.
  std::vector<Tempo> tempos;
  if (score.tempos.empty()) {
    tempos = {Tempo{0, 500000}, Tempo{std::numeric_limits<tick_t>::max(), 500000}};
  } else {
    tempos.assign(score.tempos.begin(), score.tempos.end());
    std::sort(tempos.begin(), tempos.end(),
              [](const Tempo& a, const Tempo& b) { return a.time < b.time; });
    if (tempos.front().time != 0) tempos.insert(tempos.begin(), Tempo{0, 500000});
    tempos.push_back(Tempo{std::numeric_limits<tick_t>::max(), tempos.back().mspq});
  }
  auto sec_factor = [this](const Tempo& t) {
    return static_cast<double>(t.mspq) / 1000000. / tpq_;
  };
  float pivot_to = 0.f;
  tick_t pivot_from = 0;
  double factor = sec_factor(tempos.front());
  tick_pivots_.push_back(pivot_from);
  second_pivots_.push_back(pivot_to);
  sec_per_tick_.push_back(factor);
  for (std::size_t i = 1; i < tempos.size(); ++i) {
    pivot_to =
        pivot_to +
        static_cast<float>(factor * static_cast<double>(std::int64_t{tempos[i].time} - pivot_from));
    pivot_from = tempos[i].time;
    factor = sec_factor(tempos[i]);
    tick_pivots_.push_back(pivot_from);
    second_pivots_.push_back(pivot_to);
    sec_per_tick_.push_back(factor);
  }

  // Second -> tick pivots: the tempos as a ScoreSecond holds them (times in seconds, original
  // order), then sorted and bracketed again, with integer tick pivots.
  struct SecondTempo {
    float time;
    std::int32_t mspq;
  };
  std::vector<SecondTempo> stempos;
  if (score.tempos.empty()) {
    stempos = {{0.f, 500000}, {std::numeric_limits<float>::max(), 500000}};
  } else {
    for (const auto& t : score.tempos) stempos.push_back({seconds(t.time), t.mspq});
    std::sort(stempos.begin(), stempos.end(),
              [](const SecondTempo& a, const SecondTempo& b) { return a.time < b.time; });
    if (stempos.front().time != 0.f) stempos.insert(stempos.begin(), {0.f, 500000});
    stempos.push_back({std::numeric_limits<float>::max(), stempos.back().mspq});
  }
  auto tick_factor = [this](const SecondTempo& t) {
    return 1000000. * tpq_ / static_cast<double>(t.mspq);
  };
  tick_t back_to = 0;
  float back_from = 0.f;
  double back_factor = tick_factor(stempos.front());
  back_tick_pivots_.push_back(back_to);
  back_second_pivots_.push_back(back_from);
  tick_per_sec_.push_back(back_factor);
  for (std::size_t i = 1; i < stempos.size(); ++i) {
    // The last pivot (at FLT_MAX seconds) saturates instead of overflowing; it is never used.
    const std::int64_t next =
        std::int64_t{back_to} +
        round_to_tick(back_factor * static_cast<double>(stempos[i].time - back_from));
    back_to = static_cast<tick_t>(std::clamp<std::int64_t>(next, std::numeric_limits<tick_t>::min(),
                                                           std::numeric_limits<tick_t>::max()));
    back_from = stempos[i].time;
    back_factor = tick_factor(stempos[i]);
    back_tick_pivots_.push_back(back_to);
    back_second_pivots_.push_back(back_from);
    tick_per_sec_.push_back(back_factor);
  }
}

float TempoMap::seconds(tick_t tick) const {
  const std::size_t i = pivot_index(tick_pivots_, tick);
  return second_pivots_[i] +
         static_cast<float>(sec_per_tick_[i] *
                            static_cast<double>(std::int64_t{tick} - tick_pivots_[i]));
}

tick_t TempoMap::ticks(float seconds) const {
  const std::size_t i = pivot_index(back_second_pivots_, seconds);
  const std::int64_t t =
      std::int64_t{back_tick_pivots_[i]} +
      round_to_tick(tick_per_sec_[i] * static_cast<double>(seconds - back_second_pivots_[i]));
  return static_cast<tick_t>(std::clamp<std::int64_t>(t, std::numeric_limits<tick_t>::min(),
                                                      std::numeric_limits<tick_t>::max()));
}

std::vector<float> ticks_to_seconds(const Score& score, std::span<const tick_t> ticks) {
  const TempoMap map(score);
  std::vector<float> out(ticks.size());
  for (std::size_t i = 0; i < ticks.size(); ++i) out[i] = map.seconds(ticks[i]);
  return out;
}

std::vector<tick_t> seconds_to_ticks(const Score& score, std::span<const float> seconds) {
  const TempoMap map(score);
  std::vector<tick_t> out(seconds.size());
  for (std::size_t i = 0; i < seconds.size(); ++i) out[i] = map.ticks(seconds[i]);
  return out;
}

}  // namespace miditok
