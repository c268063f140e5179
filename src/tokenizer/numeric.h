// numpy-compatible numeric helpers used to build bins and quantise values (private to src/).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace miditok::detail {

/// np.linspace(start, stop, num) (endpoint included, float64).
inline std::vector<double> linspace(double start, double stop, int num) {
  std::vector<double> y;
  if (num <= 0) return y;
  if (num == 1) return {start};
  const double step = (stop - start) / static_cast<double>(num - 1);
  for (int i = 0; i < num; ++i) y.push_back(static_cast<double>(i) * step + start);
  y.back() = stop;
  return y;
}

/// np.geomspace(start, stop, num).
inline std::vector<double> geomspace(double start, double stop, int num) {
  const double sign = start < 0 ? -1.0 : 1.0;
  auto exps = linspace(std::log10(start / sign), std::log10(stop / sign), num);
  std::vector<double> y;
  for (double e : exps) y.push_back(std::pow(10.0, e));
  if (!y.empty()) {
    y.front() = start / sign;
    if (num > 1) y.back() = stop / sign;
  }
  for (double& v : y) v *= sign;
  return y;
}

/// np.round(x, 2): rint(x * 100) / 100.
inline double np_round2(double x) { return std::nearbyint(x * 100.0) / 100.0; }

/// Python's round(x, 2) (correctly rounded, ties to even on the exact value).
inline double py_round2(double x) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.2f", x);
  return std::strtod(buf, nullptr);
}

/// MidiTok's np_get_closest for one value: the closest bin, ties to the upper one.
template <class A, class V>
A closest(const std::vector<A>& arr, V value) {
  auto it =
      std::lower_bound(arr.begin(), arr.end(), value, [](const A& a, const V& v) { return a < v; });
  std::size_t idx = static_cast<std::size_t>(it - arr.begin());
  const std::size_t n = arr.size();
  const std::size_t prev = idx == 0 ? 0 : idx - 1;
  const std::size_t cur = std::min(idx, n - 1);
  const double dv = static_cast<double>(value);
  if (idx == n || std::fabs(dv - static_cast<double>(arr[prev])) <
                      std::fabs(dv - static_cast<double>(arr[cur])))
    idx = idx == 0 ? n - 1 : idx - 1;  // idx - 1 wraps to -1 (the last) in numpy when idx == 0
  return arr[idx];
}

}  // namespace miditok::detail
