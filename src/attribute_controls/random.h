// A small portable RNG (splitmix64) for the seeded draws of attribute controls and augmentation:
// the same seed gives the same draws on every platform and standard library.
#pragma once

#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

namespace miditok::detail {

/// Python's round(): nearest integer, halves to even.
inline long long round_half_even(double x) {
  const double r = std::nearbyint(x);  // default rounding mode: to nearest, ties to even
  return static_cast<long long>(r);
}

/// splitmix64 generator with uniform, bounded-int and sampling helpers.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}

  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  /// Uniform double in [0, 1).
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  /// Uniform double in [a, b] (a + (b - a) * unit(), as Python's random.uniform).
  double uniform(double a, double b) { return a + (b - a) * unit(); }
  /// Uniform integer in [0, n), n > 0, without modulo bias.
  std::uint64_t below(std::uint64_t n) {
    const std::uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    std::uint64_t x;
    do {
      x = next();
    } while (x >= limit);
    return x % n;
  }
  /// k distinct items of `pool` in drawn order (partial Fisher-Yates).
  template <class T>
  std::vector<T> sample(std::vector<T> pool, std::size_t k) {
    if (k > pool.size()) k = pool.size();
    for (std::size_t i = 0; i < k; ++i) {
      std::swap(pool[i], pool[i + below(pool.size() - i)]);
    }
    pool.resize(k);
    return pool;
  }

 private:
  std::uint64_t state_;
};

}  // namespace miditok::detail
