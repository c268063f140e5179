#include "kept_arenas.h"

#include <Python.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdlib>
#include <mutex>
#include <system_error>
#include <thread>

#ifdef __linux__
#include <pthread.h>
#include <sys/mman.h>
#include <unistd.h>
#endif
#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace miditok::bindings {
namespace {

using Clock = std::chrono::steady_clock;
constexpr Clock::duration kDefaultDecay = std::chrono::seconds(10);
constexpr std::size_t kMaxKeptBytes = std::size_t{1} << 30;
constexpr std::size_t kMaxKept = 2048;  // entries: 1 GiB of CPython 3.10+'s 1 MiB arenas

struct Kept {
  void* ptr;
  std::size_t size;
  Clock::time_point freed;
};

/// The arenas kept, oldest freed first, and the decay thread's state; guarded by `mu` (the
/// decay thread runs without the GIL). Never destroyed: the thread may outlive static
/// destructors at exit.
struct State {
  std::mutex mu;
  std::condition_variable wake;
  Kept kept[kMaxKept]{};
  std::size_t count = 0;
  std::size_t bytes = 0;
  std::size_t bound = kMaxKeptBytes;
  Clock::duration decay = kDefaultDecay;
  bool thread_running = false;
  PyObjectArenaAllocator base{};
};

State& state() {
  static State* s = new State;
  return *s;
}

/// Gives back to the allocator wrapped the arenas freed before `before` (all with max()).
/// Called with s.mu held.
std::size_t expire_locked(State& s, Clock::time_point before) {
  std::size_t n = 0, released = 0;
  while (n < s.count && s.kept[n].freed < before) {
    s.base.free(s.base.ctx, s.kept[n].ptr, s.kept[n].size);
    released += s.kept[n].size;
    ++n;
  }
  if (n == 0) return 0;
  std::copy(s.kept + n, s.kept + s.count, s.kept);
  s.count -= n;
  s.bytes -= released;
  return released;
}

void decay_loop() {
  State& s = state();
  std::unique_lock<std::mutex> lock(s.mu);
  while (s.count > 0) {
    s.wake.wait_for(lock, s.decay / 4);
    expire_locked(s, Clock::now() - s.decay);
  }
  s.thread_running = false;
}

/// Starts the decay thread if it is not running (s.mu held). Without one (no thread could be
/// made), the arenas still expire at the next arena taken or freed.
void ensure_decay_thread(State& s) {
  if (s.thread_running) return;
  try {
    std::thread(decay_loop).detach();
    s.thread_running = true;
  } catch (const std::system_error&) {
  }
}

void* alloc(void*, std::size_t size) {
  State& s = state();
  {
    std::lock_guard<std::mutex> lock(s.mu);
    expire_locked(s, Clock::now() - s.decay);
    for (std::size_t i = s.count; i-- > 0;)  // the most recently freed first: still hot
      if (s.kept[i].size == size) {
        void* p = s.kept[i].ptr;
        std::copy(s.kept + i + 1, s.kept + s.count, s.kept + i);
        --s.count;
        s.bytes -= size;
        return p;
      }
  }
#ifdef MAP_POPULATE
  // Faulted in at once: an arena's pools are all used before the next arena is taken.
  void* p = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE,
                 -1, 0);
  if (p != MAP_FAILED) return p;
#endif
  return s.base.alloc(s.base.ctx, size);
}

void release(void*, void* ptr, std::size_t size) {
  State& s = state();
  {
    std::lock_guard<std::mutex> lock(s.mu);
    const auto now = Clock::now();
    expire_locked(s, now - s.decay);
    if (s.count < kMaxKept && s.bytes + size <= s.bound) {
      s.kept[s.count++] = {ptr, size, now};
      s.bytes += size;
      ensure_decay_thread(s);
      return;
    }
  }
  s.base.free(s.base.ctx, ptr, size);
}

/// The bound: 1 GiB, at most an eighth of the machine's memory.
std::size_t bound_for_this_machine() {
#if defined(__linux__) && defined(_SC_PHYS_PAGES)
  const long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
  if (pages > 0 && page > 0)
    return std::min(kMaxKeptBytes,
                    static_cast<std::size_t>(pages) * static_cast<std::size_t>(page) / 8);
#endif
  return kMaxKeptBytes;
}

/// MIDITOK_CPP_ARENA_DECAY_MS (a whole number of milliseconds, at least 1), else 10 s.
Clock::duration decay_from_environment() {
  const char* v = std::getenv("MIDITOK_CPP_ARENA_DECAY_MS");
  if (v == nullptr || *v == '\0') return kDefaultDecay;
  char* end = nullptr;
  const long long ms = std::strtoll(v, &end, 10);
  if (*end != '\0' || ms < 1) return kDefaultDecay;
  return std::chrono::milliseconds(ms);
}

}  // namespace

void install_kept_arenas() {
  static bool installed = false;
  if (installed) return;
  installed = true;
  State& s = state();
  s.bound = bound_for_this_machine();
  s.decay = decay_from_environment();
  PyObject_GetArenaAllocator(&s.base);
#ifdef __linux__
  // A child forked while the decay thread holds the lock would never get it; the child has no
  // decay thread (one starts at its next arena kept).
  pthread_atfork([] { state().mu.lock(); }, [] { state().mu.unlock(); },
                 [] {
                   state().mu.unlock();
                   state().thread_running = false;
                 });
#endif
  PyObjectArenaAllocator self{nullptr, &alloc, &release};
  PyObject_SetArenaAllocator(&self);
}

std::size_t release_kept_memory() {
  State& s = state();
  std::size_t released = 0;
  {
    std::lock_guard<std::mutex> lock(s.mu);
    released = expire_locked(s, Clock::time_point::max());
  }
  s.wake.notify_all();
#ifdef __GLIBC__
  malloc_trim(0);
#endif
  return released;
}

std::size_t kept_arena_bytes() {
  State& s = state();
  std::lock_guard<std::mutex> lock(s.mu);
  return s.bytes;
}

}  // namespace miditok::bindings
