// Internal: the merge loop of HF's BPE model over one word, as a list of symbols, with the
// scratch buffers each thread reuses.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "bpe_tables.h"

namespace miditok::detail {

// A symbol of the word being merged: its token id (kDead once merged into its left neighbour)
// and its neighbours' positions (-1: none). Positions are those of the word's first symbols.
struct Sym {
  static constexpr uint32_t kDead = 0xffffffffU;
  uint32_t c;
  int32_t prev, next;
};

struct Cand {
  uint32_t rank, pos, new_id;
};

// A thread's buffers, reused from word to word (no allocation when warm).
struct MergeScratch {
  std::vector<uint32_t> ids;  // the word's first symbols
  std::vector<Sym> syms;
  std::vector<Cand> heap;
  std::vector<Cand> skipped;  // BPE-dropout: candidates skipped since the last merge
  // Rank buckets: a head per rank, a pool of (position, next entry) lists, a bitmap of the
  // ranks with positions (all 0 between words), the positions of the rank being applied.
  std::vector<uint32_t> heads;
  std::vector<std::pair<uint32_t, uint32_t>> pool;
  std::vector<uint64_t> ranks;
  std::vector<uint32_t> positions;
};

// The calling thread's scratch (one thread-local lookup per word).
MergeScratch& merge_scratch();

// Merges the symbols `ids` in HF's order, lowest rank first, leftmost first within a rank, and
// appends the ids left to `out`. `ids` may be scratch.ids. With `dropout` > 0, each merge about
// to be applied is skipped with that probability (BPE-dropout, as HF: the skipped candidates go
// back to the queue once a merge is applied).
void merge_symbols(const BpeTables& tables, std::span<const std::pair<uint32_t, uint32_t>> merges,
                   std::span<const uint32_t> ids, MergeScratch& scratch, std::vector<uint32_t>& out,
                   float dropout = 0.0F);

// A long word whose first symbols are its characters' one-char tokens (no prefix, suffix nor
// dropout), merged in parts cut where no merge joins (BpeTables::may_cut): the ids of the whole
// word, appended to `out`. False, with `out` as it was, when the word is short, the merges are
// not monotone, or a character has no one-char token.
bool merge_long_word(const BpeTables& tables, std::span<const std::pair<uint32_t, uint32_t>> merges,
                     std::u32string_view word, MergeScratch& scratch, std::vector<uint32_t>& out);

}  // namespace miditok::detail
