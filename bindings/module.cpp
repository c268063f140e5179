// The extension module miditok_cpp._core: registers every component's bindings.
#include <Python.h>

#include <cstddef>
#include <cstdlib>
#include <string_view>

#include "bind.h"
#include "kept_arenas.h"
#include "miditok/tokenizers/registry.h"

namespace {

/// glibc's malloc returns the top of its heap to the system once more than its trim threshold
/// is free there, a threshold it raises to twice the largest mmapped block freed so far (up to
/// 32 MiB). Starting at 128 KiB, it makes every file of a loop (its score, events, ids: a few MiB)
/// grow the heap, fault its fresh pages in, then give them back: 10-25% of a path -> ids call's
/// time in the kernel. Freeing one unused (never touched) 16 MiB block once raises the thresholds
/// as a program that had freed such a buffer would have: freed blocks up to 16 MiB stay in the
/// heap and up to 32 MiB of free heap top is kept, with glibc's own heuristics otherwise intact.
/// Larger blocks stay mmapped: kept in the heap too (31 MiB), the tables a BPE training rehashes
/// raised its peak by 55 MiB, with no encode faster.
void raise_malloc_trim_threshold() {
#ifdef __GLIBC__
  void* volatile block = std::malloc(std::size_t{16} << 20);
  std::free(block);
#endif
}

/// The trim threshold above and the kept arenas (kept_arenas.h) act on the whole process;
/// MIDITOK_CPP_SYSTEM_ALLOCATOR=1 (any value but empty or "0") leaves glibc's and CPython's
/// allocators as they are.
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
    miditok::bindings::install_kept_arenas();
  }
  m.def(
      "release_memory", [] { return miditok::bindings::release_kept_memory(); },
      "Returns to the system at once the freed memory this process keeps for reuse: the freed\n"
      "CPython arenas kept (otherwise given back 10 s after they were last used, or when more\n"
      "than 1 GiB is kept) and glibc's free heap (malloc_trim). Returns the bytes of arenas\n"
      "given back. What the process holds afterwards is what it uses.");
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
