// An unstable sort that reproduces, element for element, the order pattern-defeating quicksort
// (pdqsort, branchless variant) leaves equal keys in. symusic sorts its global event lists
// (tempos, time and key signatures, markers) with it, so events on the same tick come out in
// exactly symusic's order only if we sort the same way.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <utility>

namespace miditok::pdq {

inline constexpr std::ptrdiff_t kInsertionThreshold = 24;
inline constexpr std::ptrdiff_t kNintherThreshold = 128;
inline constexpr std::size_t kPartialInsertionLimit = 8;
inline constexpr std::size_t kBlock = 64;

namespace detail {

inline int floor_log2(std::ptrdiff_t n) {
  int result = 0;
  while (n >>= 1) ++result;
  return result;
}

// Insertion sort; when `guarded` is false, *(first - 1) is known to be <= every element.
template <class It, class Less>
void insertion(It first, It last, Less less, bool guarded) {
  if (first == last) return;
  for (It cur = first + 1; cur != last; ++cur) {
    It hole = cur;
    It prev = cur - 1;
    if (!less(*hole, *prev)) continue;
    auto value = std::move(*hole);
    do {
      *hole = std::move(*prev);
      --hole;
    } while ((!guarded || hole != first) && less(value, *--prev));
    *hole = std::move(value);
  }
}

// Insertion sort that gives up (returns false) once it has moved more than the limit.
template <class It, class Less>
bool bounded_insertion(It first, It last, Less less) {
  if (first == last) return true;
  std::size_t moved = 0;
  for (It cur = first + 1; cur != last; ++cur) {
    It hole = cur;
    It prev = cur - 1;
    if (less(*hole, *prev)) {
      auto value = std::move(*hole);
      do {
        *hole = std::move(*prev);
        --hole;
      } while (hole != first && less(value, *--prev));
      *hole = std::move(value);
      moved += static_cast<std::size_t>(cur - hole);
    }
    if (moved > kPartialInsertionLimit) return false;
  }
  return true;
}

template <class It, class Less>
void order2(It a, It b, Less less) {
  if (less(*b, *a)) std::iter_swap(a, b);
}

template <class It, class Less>
void order3(It a, It b, It c, Less less) {
  order2(a, b, less);
  order2(b, c, less);
  order2(a, b, less);
}

// Exchanges the misplaced elements recorded in two offset blocks, by swaps when both blocks
// hold the same count and by one cyclic rotation otherwise (the two leave different orders).
template <class It>
void exchange_blocks(It left_base, It right_base, const unsigned char* left_off,
                     const unsigned char* right_off, std::size_t count, bool by_swaps) {
  if (by_swaps) {
    for (std::size_t i = 0; i < count; ++i) {
      std::iter_swap(left_base + left_off[i], right_base - right_off[i]);
    }
    return;
  }
  if (count == 0) return;
  It l = left_base + left_off[0];
  It r = right_base - right_off[0];
  auto held = std::move(*l);
  *l = std::move(*r);
  for (std::size_t i = 1; i < count; ++i) {
    l = left_base + left_off[i];
    *r = std::move(*l);
    r = right_base - right_off[i];
    *l = std::move(*r);
  }
  *r = std::move(held);
}

// Partitions around *first (median of three); equal elements go right. Block partitioning.
template <class It, class Less>
std::pair<It, bool> partition_right(It first_, It last_, Less less) {
  auto pivot = std::move(*first_);
  It lo = first_;
  It hi = last_;
  while (less(*++lo, pivot)) {
  }
  if (lo - 1 == first_) {
    while (lo < hi && !less(*--hi, pivot)) {
    }
  } else {
    while (!less(*--hi, pivot)) {
    }
  }
  const bool was_partitioned = lo >= hi;
  if (!was_partitioned) {
    std::iter_swap(lo, hi);
    ++lo;
    unsigned char off_l[kBlock];
    unsigned char off_r[kBlock];
    It base_l = lo;
    It base_r = hi;
    std::size_t num_l = 0, num_r = 0, start_l = 0, start_r = 0;
    while (lo < hi) {
      const auto unknown = static_cast<std::size_t>(hi - lo);
      const std::size_t split_l = num_l == 0 ? (num_r == 0 ? unknown / 2 : unknown) : 0;
      const std::size_t split_r = num_r == 0 ? (unknown - split_l) : 0;
      const std::size_t scan_l = split_l >= kBlock ? kBlock : split_l;
      for (std::size_t i = 0; i < scan_l; ++i) {
        off_l[num_l] = static_cast<unsigned char>(i);
        num_l += !less(*lo, pivot);
        ++lo;
      }
      const std::size_t scan_r = split_r >= kBlock ? kBlock : split_r;
      for (std::size_t i = 0; i < scan_r; ++i) {
        off_r[num_r] = static_cast<unsigned char>(i + 1);
        num_r += less(*--hi, pivot);
      }
      const std::size_t count = std::min(num_l, num_r);
      exchange_blocks(base_l, base_r, off_l + start_l, off_r + start_r, count, num_l == num_r);
      num_l -= count;
      num_r -= count;
      start_l += count;
      start_r += count;
      if (num_l == 0) {
        start_l = 0;
        base_l = lo;
      }
      if (num_r == 0) {
        start_r = 0;
        base_r = hi;
      }
    }
    if (num_l) {
      const unsigned char* offs = off_l + start_l;
      while (num_l--) std::iter_swap(base_l + offs[num_l], --hi);
      lo = hi;
    }
    if (num_r) {
      const unsigned char* offs = off_r + start_r;
      while (num_r--) {
        std::iter_swap(base_r - offs[num_r], lo);
        ++lo;
      }
      hi = lo;
    }
  }
  It pivot_at = lo - 1;
  *first_ = std::move(*pivot_at);
  *pivot_at = std::move(pivot);
  return {pivot_at, was_partitioned};
}

// Partitions around *first putting elements equal to the pivot on the left.
template <class It, class Less>
It partition_left(It first_, It last_, Less less) {
  auto pivot = std::move(*first_);
  It lo = first_;
  It hi = last_;
  while (less(pivot, *--hi)) {
  }
  if (hi + 1 == last_) {
    while (lo < hi && !less(pivot, *++lo)) {
    }
  } else {
    while (!less(pivot, *++lo)) {
    }
  }
  while (lo < hi) {
    std::iter_swap(lo, hi);
    while (less(pivot, *--hi)) {
    }
    while (!less(pivot, *++lo)) {
    }
  }
  *first_ = std::move(*hi);
  *hi = std::move(pivot);
  return hi;
}

template <class It, class Less>
void sort_loop(It first, It last, Less less, int bad_left, bool leftmost) {
  while (true) {
    const std::ptrdiff_t size = last - first;
    if (size < kInsertionThreshold) {
      insertion(first, last, less, leftmost);
      return;
    }
    const std::ptrdiff_t half = size / 2;
    if (size > kNintherThreshold) {
      order3(first, first + half, last - 1, less);
      order3(first + 1, first + (half - 1), last - 2, less);
      order3(first + 2, first + (half + 1), last - 3, less);
      order3(first + (half - 1), first + half, first + (half + 1), less);
      std::iter_swap(first, first + half);
    } else {
      order3(first + half, first, last - 1, less);
    }
    if (!leftmost && !less(*(first - 1), *first)) {
      first = partition_left(first, last, less) + 1;
      continue;
    }
    auto [pivot_at, was_partitioned] = partition_right(first, last, less);
    const std::ptrdiff_t l_size = pivot_at - first;
    const std::ptrdiff_t r_size = last - (pivot_at + 1);
    if (l_size < size / 8 || r_size < size / 8) {
      if (--bad_left == 0) {
        std::make_heap(first, last, less);
        std::sort_heap(first, last, less);
        return;
      }
      if (l_size >= kInsertionThreshold) {
        std::iter_swap(first, first + l_size / 4);
        std::iter_swap(pivot_at - 1, pivot_at - l_size / 4);
        if (l_size > kNintherThreshold) {
          std::iter_swap(first + 1, first + (l_size / 4 + 1));
          std::iter_swap(first + 2, first + (l_size / 4 + 2));
          std::iter_swap(pivot_at - 2, pivot_at - (l_size / 4 + 1));
          std::iter_swap(pivot_at - 3, pivot_at - (l_size / 4 + 2));
        }
      }
      if (r_size >= kInsertionThreshold) {
        std::iter_swap(pivot_at + 1, pivot_at + (1 + r_size / 4));
        std::iter_swap(last - 1, last - r_size / 4);
        if (r_size > kNintherThreshold) {
          std::iter_swap(pivot_at + 2, pivot_at + (2 + r_size / 4));
          std::iter_swap(pivot_at + 3, pivot_at + (3 + r_size / 4));
          std::iter_swap(last - 2, last - (1 + r_size / 4));
          std::iter_swap(last - 3, last - (2 + r_size / 4));
        }
      }
    } else if (was_partitioned && bounded_insertion(first, pivot_at, less) &&
               bounded_insertion(pivot_at + 1, last, less)) {
      return;
    }
    sort_loop(first, pivot_at, less, bad_left, leftmost);
    first = pivot_at + 1;
    leftmost = false;
  }
}

}  // namespace detail

/// Sorts [first, last) by `less` exactly as pdqsort_branchless orders it (not stable).
template <class It, class Less>
void unstable_sort(It first, It last, Less less) {
  if (first == last) return;
  detail::sort_loop(first, last, less, detail::floor_log2(last - first), true);
}

/// Sorts a vector of timed events by time only, in pdqsort_branchless order (symusic's rule).
template <class Vec>
void sort_by_time(Vec& events) {
  unstable_sort(events.begin(), events.end(),
                [](const auto& a, const auto& b) { return a.time < b.time; });
}

}  // namespace miditok::pdq
