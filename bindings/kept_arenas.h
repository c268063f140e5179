// The process's memory policy for CPython's small-object arenas and glibc's heap (module.cpp
// installs it at import unless MIDITOK_CPP_SYSTEM_ALLOCATOR is set).
#pragma once

#include <cstddef>

namespace miditok::bindings {

/// CPython's small-object allocator takes its memory in arenas (1 MiB blocks, mmapped) and
/// returns each to the system as soon as it holds no object. A loop that keeps its results for a
/// while then drops them (a dataset pass, the benchmarks: MuMIDI's and the compound tokenizers'
/// ids are a Python list per row, about 100 bytes each) so unmaps every arena at each drop and
/// has the kernel map and zero fresh pages at the next pass: a third of MuMIDI's path -> ids on
/// 2,000 files went to the kernel and to unmapping.
///
/// The arena allocator installed here keeps freed arenas for reuse with a decay, as jemalloc
/// keeps dirty pages: an arena freed is kept while the process may reuse it, and returned to the
/// system once it has sat unused for the decay (10 s, jemalloc's default dirty decay;
/// MIDITOK_CPP_ARENA_DECAY_MS in the environment before the import sets another), or at
/// once when keeping it would exceed the bound (1 GiB, at most an eighth of the machine's memory).
/// A thread of ours, started while arenas are kept and ended when none is, returns the expired
/// ones within a quarter of the decay even if the process never allocates again. New arenas are
/// mapped populated: pymalloc fills an arena's pools before it takes another, so its pages are
/// faulted in by one call instead of one page fault each.
void install_kept_arenas();

/// Returns to the system at once every freed arena kept, and glibc's free heap memory
/// (malloc_trim): what a process holds then is what it uses. Returns the bytes of arenas given
/// back. Call with the GIL held.
std::size_t release_kept_memory();

/// Bytes of freed arenas kept now.
std::size_t kept_arena_bytes();

}  // namespace miditok::bindings
