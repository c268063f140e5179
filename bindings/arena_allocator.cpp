// CPython's arena allocator replaced (arenas kept for reuse, backed by transparent huge pages);
// see arena_allocator.h.
#include "arena_allocator.h"

#include <Python.h>

#include <cstddef>
#include <cstdint>
#include <vector>

#ifdef __linux__
#include <sys/mman.h>
#endif

namespace miditok::bindings {

namespace {

/// Chunks of 2 MiB (a huge page), each holding kChunk / size arenas. A chunk is mapped once,
/// aligned and marked MADV_HUGEPAGE, so that the kernel backs it with one huge page: one page
/// fault (and one zeroing pass) instead of 512 for every 2 MiB of Python objects. An arena freed
/// by CPython stays in its chunk, free and resident, for the next arena asked for; the free
/// resident memory is kept under kKeptBytes: past it a chunk with no arena is unmapped, and a free
/// arena in a chunk still in use is given back to the system (MADV_DONTNEED).
class ChunkedArenas {
 public:
  static void install() {
    static bool installed = false;
    if (installed) return;
    installed = true;
    PyObject_GetArenaAllocator(&base_);
    PyObjectArenaAllocator self{nullptr, &alloc, &release};
    PyObject_SetArenaAllocator(&self);
  }

 private:
  static constexpr std::size_t kChunk = std::size_t{2} << 20;
  static constexpr std::size_t kKeptBytes = std::size_t{64} << 20;
  static constexpr unsigned kMaxSlots = 32;

  struct Chunk {
    char* base = nullptr;
    std::uint32_t used = 0;     ///< bit i: arena i is in use
    std::uint32_t dropped = 0;  ///< bit i: arena i is free and was given back (not resident)
  };

  static void* alloc(void* ctx, std::size_t size) {
#ifdef __linux__
    if (size == 0 || kChunk % size != 0 || kChunk / size > kMaxSlots)
      return base_.alloc(base_.ctx, size);
    if (slot_size_ == 0) slot_size_ = size;
    if (size != slot_size_) return base_.alloc(base_.ctx, size);
    const unsigned slots = static_cast<unsigned>(kChunk / size);
    const std::uint32_t all = slots == 32 ? ~std::uint32_t{0} : (std::uint32_t{1} << slots) - 1;
    // A free resident arena first (no page fault), then any free arena of a mapped chunk.
    Chunk* best = nullptr;
    unsigned best_slot = 0;
    for (Chunk& c : chunks_) {
      const std::uint32_t free = all & ~c.used;
      if (free == 0) continue;
      const std::uint32_t resident = free & ~c.dropped;
      if (resident != 0) {
        best = &c;
        best_slot = static_cast<unsigned>(__builtin_ctz(resident));
        break;
      }
      if (best == nullptr) {
        best = &c;
        best_slot = static_cast<unsigned>(__builtin_ctz(free));
      }
    }
    if (best == nullptr) {
      char* base = map_chunk();
      if (base == nullptr) return base_.alloc(base_.ctx, size);
      chunks_.push_back(Chunk{base, 0, 0});
      best = &chunks_.back();
      best_slot = 0;
      kept_ += kChunk;  // counted free and resident until its arenas are taken
    }
    const std::uint32_t bit = std::uint32_t{1} << best_slot;
    if ((best->dropped & bit) == 0) kept_ -= size;
    best->dropped &= ~bit;
    best->used |= bit;
    return best->base + best_slot * size;
#else
    return base_.alloc(base_.ctx, size);
#endif
    (void)ctx;
  }

  static void release(void* ctx, void* ptr, std::size_t size) {
#ifdef __linux__
    char* p = static_cast<char*>(ptr);
    for (std::size_t i = 0; i < chunks_.size(); ++i) {
      Chunk& c = chunks_[i];
      if (p < c.base || p >= c.base + kChunk) continue;
      c.used &= ~(std::uint32_t{1} << static_cast<unsigned>((p - c.base) / slot_size_));
      kept_ += size;
      if (kept_ > kKeptBytes) trim(i, p, size);
      return;
    }
#endif
    base_.free(base_.ctx, ptr, size);
    (void)ctx;
  }

#ifdef __linux__
  /// A 2 MiB-aligned mapping of kChunk bytes, advised for huge pages; null when it fails.
  static char* map_chunk() {
    void* raw = mmap(nullptr, 2 * kChunk, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1,
                     0);
    if (raw == MAP_FAILED) return nullptr;
    auto* start = static_cast<char*>(raw);
    const auto addr = reinterpret_cast<std::uintptr_t>(start);
    char* base = start + ((kChunk - addr % kChunk) % kChunk);
    if (base > start) munmap(start, static_cast<std::size_t>(base - start));
    char* end = start + 2 * kChunk;
    if (base + kChunk < end) munmap(base + kChunk, static_cast<std::size_t>(end - base - kChunk));
#ifdef MADV_HUGEPAGE
    madvise(base, kChunk, MADV_HUGEPAGE);  // a no-op where THP is off
#endif
    return base;
  }

  /// Gives memory back once too much is kept: chunk i's arena at p (just freed) when its chunk
  /// is still in use, else the whole chunk.
  static void trim(std::size_t i, char* p, std::size_t size) {
    Chunk& c = chunks_[i];
    if (c.used != 0) {
      madvise(p, size, MADV_DONTNEED);
      c.dropped |= std::uint32_t{1} << static_cast<unsigned>((p - c.base) / size);
      kept_ -= size;
      return;
    }
    // The chunk's free arenas (the one just freed and those before it) leave with it.
    const unsigned slots = static_cast<unsigned>(kChunk / size);
    for (unsigned s = 0; s < slots; ++s)
      if ((c.dropped & (std::uint32_t{1} << s)) == 0) kept_ -= size;
    munmap(c.base, kChunk);
    chunks_[i] = chunks_.back();
    chunks_.pop_back();
  }
#endif

  static inline PyObjectArenaAllocator base_{};
  static inline std::vector<Chunk> chunks_;
  static inline std::size_t slot_size_ = 0;
  static inline std::size_t kept_ = 0;  ///< free resident bytes in the chunks
};

}  // namespace

void install_arena_allocator() { ChunkedArenas::install(); }

}  // namespace miditok::bindings
