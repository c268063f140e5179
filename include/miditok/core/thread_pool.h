// The one thread pool of the library, sized by MIDITOK_NUM_THREADS (default: all cores).
// parallel_for runs a function over indexes [0, n); it is safe to call after fork() because the
// workers are created lazily in the process that uses them.
#pragma once

#include <cstddef>
#include <functional>

namespace miditok {

/// Number of worker threads used by batch calls (MIDITOK_NUM_THREADS, else the number of cores).
std::size_t num_threads();

/// Runs fn(i) for every i in [0, n) on up to `threads` threads (0: num_threads()), blocking until
/// all are done. Exceptions thrown by fn are rethrown in the caller (the first one wins).
void parallel_for(std::size_t n, const std::function<void(std::size_t)>& fn,
                  std::size_t threads = 0);

}  // namespace miditok
