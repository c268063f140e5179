// The extension module miditok_cpp._core: registers every component's bindings.
#include <Python.h>

#include <cstddef>
#include <cstdlib>
#include <string_view>

#ifdef __linux__
#include <sys/mman.h>
#endif

#include "bind.h"
#include "miditok/tokenizers/registry.h"

namespace {

/// glibc's malloc returns the top of its heap to the system once more than its trim threshold
/// is free there, a threshold it raises to twice the largest mmapped block freed so far (up to
/// 32 MiB). Starting at 128 KiB, it makes every file of a loop (its score, events, ids: a few MiB)
/// grow the heap, fault its fresh pages in, then give them back: 10-25% of a path -> ids call's
/// time in the kernel. Freeing one unused (never touched) 31 MiB block once raises the thresholds
/// as a program that had freed such a buffer would have: freed blocks up to 31 MiB stay in the
/// heap and up to 62 MiB of free heap top is kept, with glibc's own heuristics otherwise intact.
void raise_malloc_trim_threshold() {
#ifdef __GLIBC__
  void* volatile block = std::malloc(std::size_t{31} << 20);
  std::free(block);
#endif
}

/// CPython's small-object allocator takes its memory in arenas (1 MiB blocks, mmapped) and
/// returns each to the system as soon as it holds no object. A loop that keeps its results for a
/// while then drops them (a dataset pass, the benchmarks: MuMIDI's and the compound tokenizers'
/// ids are a Python list per row, about 110 bytes each) so unmaps every arena at each drop and
/// faults fresh pages in at the next pass: up to a third of a compound path -> ids call in the
/// kernel. The arena allocator below keeps up to kKeptArenaBytes of freed arenas for reuse (as
/// glibc keeps the top of its heap) and hands the rest to the allocator it wraps. Arenas are
/// taken and given back with the GIL held, as pymalloc requires. A new arena is mapped populated:
/// pymalloc fills an arena's pools before it takes another, so its pages are faulted in by one
/// call instead of one page fault each (page faults were a quarter of MuMIDI's path -> ids on the
/// generated files).
class KeptArenas {
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
  static constexpr std::size_t kKeptArenaBytes = std::size_t{64} << 20;
  static constexpr std::size_t kMaxKept = 256;
  static void* alloc(void*, std::size_t size) {
    for (std::size_t i = count_; i-- > 0;)
      if (kept_[i].size == size) {
        void* p = kept_[i].ptr;
        kept_[i] = kept_[--count_];
        bytes_ -= size;
        return p;
      }
#ifdef MAP_POPULATE
    // Faulted in at once: an arena's pools are all used before the next arena is taken.
    void* p = mmap(nullptr, size, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
    if (p != MAP_FAILED) return p;
#endif
    return base_.alloc(base_.ctx, size);
  }
  static void release(void*, void* ptr, std::size_t size) {
    if (count_ < kMaxKept && bytes_ + size <= kKeptArenaBytes) {
      kept_[count_++] = {ptr, size};
      bytes_ += size;
      return;
    }
    base_.free(base_.ctx, ptr, size);
  }
  struct Kept {
    void* ptr;
    std::size_t size;
  };
  static inline PyObjectArenaAllocator base_{};
  static inline Kept kept_[kMaxKept]{};
  static inline std::size_t count_ = 0;
  static inline std::size_t bytes_ = 0;
};

/// Both tunings above act on the whole process; MIDITOK_CPP_SYSTEM_ALLOCATOR=1 (any value but
/// empty or "0") leaves glibc's and CPython's allocators as they are.
bool keep_system_allocators() {
  const char* v = std::getenv("MIDITOK_CPP_SYSTEM_ALLOCATOR");
  return v != nullptr && *v != '\0' && std::string_view(v) != "0";
}

}  // namespace

NB_MODULE(_core, m) {
  m.doc() = "miditok-cpp native core";
  // Objects still alive at interpreter exit (module globals, cached tokenizers) are not leaks of
  // ours; nanobind's report floods users' logs (MidiTok#190, symusic#43), so it stays off.
  nanobind::set_leak_warnings(false);
  if (!keep_system_allocators()) {
    raise_malloc_trim_threshold();
    KeptArenas::install();
  }
  // MusicTokenizer::create / from_json / load build the built-in tokenizations by class name.
  miditok::register_builtin_tokenizers();
  miditok::bindings::bind_core(m);
  miditok::bindings::bind_score(m);
  miditok::bindings::bind_pianoroll(m);  // adds methods to Score and Track
  miditok::bindings::bind_midi(m);
  miditok::bindings::bind_attribute_controls(m);
  miditok::bindings::bind_augmentation(m);
  miditok::bindings::bind_models(m);
  miditok::bindings::bind_preprocess(m);
  miditok::bindings::bind_data(m);
  miditok::bindings::bind_config(m);
  miditok::bindings::bind_tokenizer(m);
  miditok::bindings::bind_training(m);
  miditok::bindings::bind_multi_voc(m);
  miditok::bindings::bind_token_files(m);
  miditok::bindings::bind_packed_ids(m);
  miditok::bindings::bind_token_store(m);
}
