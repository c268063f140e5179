// The two packaged pdqsort sources the build accepts (Debian's pdqsort-dev and Boost.Sort's port,
// e.g. from PyPI's boost-headers) leave equal keys in the same order, so a wheel built with either
// sorts same-tick events as symusic does (the corpus conformance tests check the order itself).
#include <gtest/gtest.h>
#include <pdqsort.h>

#include <boost/sort/pdqsort/pdqsort.hpp>
#include <random>
#include <vector>

namespace {

struct Item {
  int time;
  int index;
};

std::vector<int> order_of(std::vector<Item> v, bool boost) {
  const auto by_time = [](const Item& a, const Item& b) { return a.time < b.time; };
  if (boost)
    boost::sort::pdqsort_branchless(v.begin(), v.end(), by_time);
  else
    pdqsort_branchless(v.begin(), v.end(), by_time);
  std::vector<int> out;
  out.reserve(v.size());
  for (const Item& x : v) out.push_back(x.index);
  return out;
}

TEST(PdqsortSources, SameTieOrder) {
  std::mt19937 rng(11);
  for (int round = 0; round < 3000; ++round) {
    const int n = static_cast<int>(rng() % 600) + 1;
    const int keys = round % 5 == 0 ? 1 : static_cast<int>(rng() % static_cast<unsigned>(n)) + 1;
    std::vector<Item> v(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
      int key = static_cast<int>(rng() % static_cast<unsigned>(keys));
      if (round % 4 == 1) key = i / 3;        // ascending runs of ties
      if (round % 4 == 2) key = (n - i) / 2;  // descending runs of ties
      v[static_cast<std::size_t>(i)] = {key, i};
    }
    ASSERT_EQ(order_of(v, false), order_of(v, true)) << "round " << round << ", " << n << " items";
  }
}

}  // namespace
