// The stable time sort of events (natural merge of runs, order applied in place) against
// std::stable_sort on random inputs with many ties, sorted runs and negative times.
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "../../src/tokenizer/event_order.h"

namespace miditok {
namespace {

std::vector<Event> random_events(std::mt19937& rng, std::size_t n, int runs) {
  std::vector<Event> events;
  std::uniform_int_distribution<int> tick(-2, 40);
  for (int r = 0; r < runs; ++r) {
    std::vector<int> times(n / static_cast<std::size_t>(runs) + 1);
    for (int& t : times) t = tick(rng);
    if (r % 2 == 0) std::sort(times.begin(), times.end());  // some runs sorted, some not
    for (int t : times)
      events.push_back(
          Event{"Pitch", std::to_string(events.size()), t, r, 0, static_cast<token_id_t>(r)});
  }
  return events;
}

TEST(EventOrder, StableSortByTimeEqualsStdStableSort) {
  std::mt19937 rng(7);
  for (std::size_t n : {0, 1, 2, 17, 300, 2000})
    for (int runs : {1, 3, 8}) {
      auto events = random_events(rng, n, runs);
      auto expected = events;
      std::stable_sort(expected.begin(), expected.end(),
                       [](const Event& a, const Event& b) { return a.time < b.time; });
      detail::stable_sort_by_time(events);
      ASSERT_EQ(events.size(), expected.size());
      for (std::size_t i = 0; i < events.size(); ++i) {
        EXPECT_EQ(events[i], expected[i]) << "n=" << n << " runs=" << runs << " at " << i;
        EXPECT_EQ(events[i].id, expected[i].id);
      }
    }
}

TEST(EventOrder, ApplyOrderMovesEachEventToItsPlace) {
  std::mt19937 rng(3);
  auto events = random_events(rng, 500, 2);
  std::vector<std::uint32_t> order(events.size());
  std::iota(order.begin(), order.end(), 0u);
  std::shuffle(order.begin(), order.end(), rng);
  std::vector<Event> expected;
  for (auto i : order) expected.push_back(events[i]);
  detail::apply_order(events, order);
  EXPECT_EQ(events, expected);
}

}  // namespace
}  // namespace miditok
