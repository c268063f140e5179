// symusic sorts a score's global event lists (tempos, time and key signatures, markers), and a
// track's notes before writing them when they are out of order, by time only with
// pdqsort_branchless. That sort is unstable: events on the same tick keep symusic's order only
// when we sort with the same algorithm, so we use pdqsort itself, from a package (Debian's
// pdqsort-dev, or Boost.Sort's port of it: see cmake/dependencies.cmake).
#pragma once

#if MIDITOK_PDQSORT_BOOST
#include <boost/sort/pdqsort/pdqsort.hpp>
#else
#include <pdqsort.h>
#endif

namespace miditok::detail {

/// Sorts timed events by time only, leaving same-tick events in pdqsort_branchless's order.
template <class Vec>
void sort_by_time(Vec& events) {
  const auto by_time = [](const auto& a, const auto& b) { return a.time < b.time; };
#if MIDITOK_PDQSORT_BOOST
  boost::sort::pdqsort_branchless(events.begin(), events.end(), by_time);
#else
  pdqsort_branchless(events.begin(), events.end(), by_time);
#endif
}

}  // namespace miditok::detail
