// CPython's small-object allocator takes its memory in arenas (1 MiB blocks, mmapped) and
// returns each to the system as soon as it holds no object. A loop that keeps its results for a
// while then drops them (a dataset pass, the benchmarks: the compound tokenizers' ids are a
// Python list per row, about 110 bytes each) so unmaps every arena at each drop and faults fresh
// 4 KiB pages in at the next pass: a third of a compound path -> ids call in the kernel. The
// allocator installed here keeps up to 64 MiB of freed arenas for reuse (as glibc keeps the top
// of its heap) and maps arenas in 2 MiB chunks backed by transparent huge pages where the system
// allows them (madvise mode), one page fault per chunk. Arenas are taken and given back with the
// GIL held, as pymalloc requires.
#pragma once

namespace miditok::bindings {

/// Replaces CPython's arena allocator (once; later calls do nothing).
void install_arena_allocator();

}  // namespace miditok::bindings
