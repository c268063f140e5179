// Private helpers reproducing the numpy operations MidiTok's preprocessing relies on, bit for bit:
// searchsorted (numpy's binary search, including its behaviour on unsorted input), np.round
// (half to even) and np_get_closest (ties to the upper bin).
#pragma once

#include <climits>
#include <cmath>
#include <cstddef>
#include <cstdint>

namespace miditok::detail {

/// numpy's binsearch over keys given one at a time, in order (it keeps state between keys, which
/// decides the result when the array is not sorted). Right = side "right".
template <class T, bool Right = false>
class NumpySearch {
 public:
  NumpySearch(const T* arr, std::size_t len) : arr_(arr), len_(len), max_(len) {}

  template <class K>
  std::size_t operator()(K key) {
    if (first_) {
      last_ = key;
      first_ = false;
    }
    if (cmp(last_, key)) {
      max_ = len_;
    } else {
      min_ = 0;
      max_ = (max_ < len_) ? max_ + 1 : len_;
    }
    last_ = key;
    while (min_ < max_) {
      const std::size_t mid = min_ + ((max_ - min_) >> 1);
      if (cmp(arr_[mid], key)) {
        min_ = mid + 1;
      } else {
        max_ = mid;
      }
    }
    return min_;
  }

 private:
  template <class A, class B>
  static bool cmp(const A& a, const B& b) {
    if constexpr (Right) {
      return a <= b;
    } else {
      return a < b;
    }
  }

  const T* arr_;
  std::size_t len_;
  std::size_t min_ = 0;
  std::size_t max_;
  double last_ = 0;
  bool first_ = true;
};

/// int32 addition wrapping like numpy's int32 arithmetic (no signed-overflow UB).
inline std::int32_t wrap_add(std::int32_t a, std::int32_t b) {
  return static_cast<std::int32_t>(static_cast<std::uint32_t>(a) + static_cast<std::uint32_t>(b));
}

/// A float to int32 cast as numpy does it on x86 (out of range or NaN: INT32_MIN), without UB.
inline std::int32_t float_to_int32(double x) {
  if (!(x > -2147483649.0 && x < 2147483648.0)) return INT32_MIN;
  return static_cast<std::int32_t>(x);
}

/// np.round on a double: round half to even.
inline double round_half_even(double x) { return std::nearbyint(x); }

/// One step of np_get_closest given the searchsorted index of value in bins.
template <class T, class V>
std::size_t closest_index(const T* bins, std::size_t len, std::size_t idx, V value) {
  if (idx == len) return idx - 1;
  const std::size_t lo = idx == 0 ? 0 : idx - 1;
  const double d_prev = std::fabs(static_cast<double>(value) - static_cast<double>(bins[lo]));
  const double d_next = std::fabs(static_cast<double>(value) - static_cast<double>(bins[idx]));
  if (d_prev < d_next) return idx - 1;
  return idx;
}

}  // namespace miditok::detail
