#include "miditok/core/thread_pool.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace miditok {

std::size_t num_threads() {
  if (const char* env = std::getenv("MIDITOK_NUM_THREADS")) {
    try {
      const long value = std::stol(env);
      if (value > 0) return static_cast<std::size_t>(value);
    } catch (const std::exception&) {
      // An unreadable value falls back to the number of cores.
    }
  }
  return std::max<std::size_t>(1, std::thread::hardware_concurrency());
}

// Threads are spawned per call rather than kept alive: a forked DataLoader worker then never
// inherits a pool whose threads do not exist in the child, and the cost (tens of microseconds)
// is negligible next to the per-file work these calls do.
void parallel_for(std::size_t n, const std::function<void(std::size_t)>& fn, std::size_t threads) {
  if (n == 0) return;
  const std::size_t workers = std::min(n, threads == 0 ? num_threads() : threads);
  if (workers <= 1) {
    for (std::size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::exception_ptr first_error;
  std::mutex error_mutex;
  auto work = [&] {
    for (std::size_t i = next++; i < n; i = next++) {
      try {
        fn(i);
      } catch (...) {
        std::lock_guard lock(error_mutex);
        if (!first_error) first_error = std::current_exception();
      }
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(workers - 1);
  for (std::size_t t = 1; t < workers; ++t) pool.emplace_back(work);
  work();
  for (auto& thread : pool) thread.join();
  if (first_error) std::rethrow_exception(first_error);
}

}  // namespace miditok
