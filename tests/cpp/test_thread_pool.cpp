#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <vector>

#include "miditok/core/thread_pool.h"

TEST(ThreadPool, VisitsEveryIndexOnce) {
  std::vector<std::atomic<int>> hits(1000);
  miditok::parallel_for(
      hits.size(), [&](std::size_t i) { hits[i]++; }, 4);
  for (auto& h : hits) EXPECT_EQ(h.load(), 1);
}

TEST(ThreadPool, RethrowsWorkerException) {
  EXPECT_THROW(miditok::parallel_for(
                   10,
                   [](std::size_t i) {
                     if (i == 7) throw std::runtime_error("x");
                   },
                   2),
               std::runtime_error);
}

TEST(ThreadPool, EmptyRangeIsNoop) {
  miditok::parallel_for(0, [](std::size_t) { FAIL(); });
}
