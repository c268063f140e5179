// The stable time sort of events (natural merge of few runs, radix sort of many, order applied in
// place) against std::stable_sort on random inputs with many ties, sorted runs and negative times.
#include <gtest/gtest.h>

#include <algorithm>
#include <climits>
#include <cstdint>
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

void expect_stable_sort_by_time(std::vector<Event> events, const std::string& what) {
  auto expected = events;
  std::stable_sort(expected.begin(), expected.end(),
                   [](const Event& a, const Event& b) { return a.time < b.time; });
  detail::stable_sort_by_time(events);
  ASSERT_EQ(events.size(), expected.size()) << what;
  for (std::size_t i = 0; i < events.size(); ++i) {
    ASSERT_EQ(events[i], expected[i]) << what << " at " << i;
    ASSERT_EQ(events[i].id, expected[i].id) << what << " at " << i;
  }
}

TEST(EventOrder, NotesInterleavedWithTheirEndsOverWideSpans) {
  // One run per note (a NoteOn, then its NoteOff later than the next NoteOn): the radix path,
  // with spans of 1, 2 and 3 digits, negative times, and more events than are gathered.
  std::mt19937 rng(11);
  for (int span_bits : {6, 12, 20, 30})
    for (std::size_t notes : {40, 3000, 9000}) {
      std::uniform_int_distribution<int> step(0, 3), length(1, 1 << (span_bits / 2));
      std::vector<Event> events;
      int t = -(1 << (span_bits - 2));
      for (std::size_t i = 0; i < notes; ++i) {
        t += step(rng) << (span_bits / 3);
        const auto id = static_cast<token_id_t>(events.size());
        events.push_back(Event{"NoteOn", std::to_string(i), t, 0, 0, id});
        events.push_back(Event{"NoteOff", std::to_string(i), t + length(rng), 0, 0, id + 1});
      }
      expect_stable_sort_by_time(std::move(events), "span_bits=" + std::to_string(span_bits) +
                                                        " notes=" + std::to_string(notes));
    }
}

TEST(EventOrder, ExtremeTimesSortAsSignedValues) {
  std::vector<Event> events;
  for (int i = 0; i < 64; ++i) {
    const int t = (i % 3 == 0) ? INT32_MIN + i : (i % 3 == 1 ? INT32_MAX - i : 0);
    events.push_back(Event{"Pitch", std::to_string(i), t, 0, 0, static_cast<token_id_t>(i)});
  }
  expect_stable_sort_by_time(std::move(events), "extreme times");
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
