// Internal to the BPE trainer: the words' symbols in flat arrays and the merge of one pair in one
// word, as HF's Word::merge (left to right, same count changes). A symbol is identified by its
// first position; `span` holds its length at its first and at its last position, so neighbours
// are found without prev / next links (8 bytes a position). Long words also link each position
// into an exact list of the positions of its current pair (no scan of the whole word per merge).
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "flat_map.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace miditok::detail {

inline constexpr uint32_t kNoPos = std::numeric_limits<uint32_t>::max();
/// The symbol id of a position inside a merged symbol (not a symbol's first position).
inline constexpr uint32_t kDead = std::numeric_limits<uint32_t>::max();
/// Bit 31 of a Change's pos: the change adds an occurrence (else it removes one).
inline constexpr uint32_t kGain = 1U << 31;

/// One count change produced by a merge in a word; pos (long words only) is the position of the
/// pair's first symbol.
struct Change {
  uint64_t pair;
  uint32_t word;
  uint32_t pos;  ///< kGain | position for +1, position for -1
};

/// Bit k of the result is set when p[k] == v, for k < 16 (p[0..16) readable).
inline uint32_t match16(const uint32_t* p, uint32_t v) {
  uint32_t m = 0;
#if defined(__SSE2__)
  const __m128i key = _mm_set1_epi32(static_cast<int>(v));
  for (int k = 0; k < 4; ++k) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 4 * k));
    const int bits = _mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(x, key)));
    m |= static_cast<uint32_t>(bits) << (4 * k);
  }
#else
  for (uint32_t k = 0; k < 16; ++k) m |= static_cast<uint32_t>(p[k] == v) << k;
#endif
  return m;
}

/// Doubly linked lists of positions, one per pair, with a sentinel node per list.
class PositionLists {
 public:
  void init(uint32_t n_positions) {
    next_.assign(n_positions, kNoPos);
    prev_.assign(n_positions, kNoPos);
  }
  /// A new empty list, returned as its id.
  uint32_t new_list() {
    const auto id = static_cast<uint32_t>(snext_.size());
    snext_.push_back(kSentinel | id);
    sprev_.push_back(kSentinel | id);
    return id;
  }
  [[nodiscard]] bool linked(uint32_t x) const { return next_[x] != kNoPos; }
  [[nodiscard]] bool empty(uint32_t list) const { return snext_[list] == (kSentinel | list); }
  void link(uint32_t x, uint32_t list) {
    const uint32_t first = snext_[list];
    next_[x] = first;
    prev_[x] = kSentinel | list;
    set_prev(first, x);
    snext_[list] = x;
  }
  void unlink(uint32_t x) {
    if (next_[x] == kNoPos) return;
    set_next(prev_[x], next_[x]);
    set_prev(next_[x], prev_[x]);
    next_[x] = prev_[x] = kNoPos;
  }
  /// Appends the positions of a list to out.
  void collect(uint32_t list, std::vector<uint32_t>& out) const {
    for (uint32_t n = snext_[list]; n != (kSentinel | list); n = next_[n]) out.push_back(n);
  }

 private:
  static constexpr uint32_t kSentinel = 1U << 31;
  void set_next(uint32_t node, uint32_t v) {
    if ((node & kSentinel) != 0)
      snext_[node & ~kSentinel] = v;
    else
      next_[node] = v;
  }
  void set_prev(uint32_t node, uint32_t v) {
    if ((node & kSentinel) != 0)
      sprev_[node & ~kSentinel] = v;
    else
      prev_[node] = v;
  }
  std::vector<uint32_t> next_, prev_;    // per position of a long word
  std::vector<uint32_t> snext_, sprev_;  // per list (sentinel)
};

/// What one merge step asks of a word: the pair, its replacement and the token length limit.
struct MergeStep {
  uint32_t c1, c2, repl;
  std::size_t max_len;
};

class BpeCorpus {
 public:
  std::vector<uint32_t> c, span;   // per position
  std::vector<uint32_t> start;     // per word: its first position
  std::vector<uint32_t> size;      // per word: its number of positions
  std::vector<uint32_t> long_ids;  // the long words, in position order (they come first)
  uint32_t long_end = 0;           // positions [0, long_end) belong to long words
  PositionLists lists;

  [[nodiscard]] bool is_long(uint32_t w) const { return start[w] < long_end; }
  [[nodiscard]] uint32_t end(uint32_t w) const { return start[w] + size[w]; }
  /// The position of the symbol after x in a word ending at e, or kNoPos.
  [[nodiscard]] uint32_t next(uint32_t x, uint32_t e) const {
    const uint32_t y = x + span[x];
    return y < e ? y : kNoPos;
  }

  /// Asks the cache for the first positions of word w (the words of a merge are scattered).
  void prefetch(uint32_t w) const {
    const uint32_t s = start[w];
    const uint32_t n = std::min<uint32_t>(size[w], 256);
#if defined(__GNUC__)
    for (uint32_t k = 0; k < n; k += 16) {
      __builtin_prefetch(c.data() + s + k);
      __builtin_prefetch(span.data() + s + k);
    }
#else
    (void)s;
    (void)n;
#endif
  }

  /// Merges every occurrence of the pair in short word w, scanning it left to right 16 positions
  /// at a time (dead positions hold kDead, so only symbols can match c1).
  void merge_short(uint32_t w, const MergeStep& m, std::vector<Change>& out) {
    const uint32_t s = start[w];
    const uint32_t e = end(w);
    for (uint32_t base = s; base < e; base += 16) {
      uint32_t mask;
      if (base + 16 <= e) {
        mask = match16(c.data() + base, m.c1);
      } else {
        mask = 0;
        for (uint32_t k = 0; base + k < e; ++k)
          mask |= static_cast<uint32_t>(c[base + k] == m.c1) << k;
      }
      for (; mask != 0; mask &= mask - 1) {
        const uint32_t x = base + static_cast<uint32_t>(std::countr_zero(mask));
        if (c[x] != m.c1) continue;  // absorbed by the merge just before (c1 == c2 runs)
        const uint32_t y = next(x, e);
        if (y != kNoPos && c[y] == m.c2) merge_at(s, e, x, y, w, m, out, nullptr);
      }
    }
  }

  /// Merges the occurrences at the sorted positions `pos` of long word w (positions whose
  /// symbols changed are appended to touched).
  void merge_long(uint32_t w, const uint32_t* pos, std::size_t n, const MergeStep& m,
                  std::vector<Change>& out, std::vector<uint32_t>& touched) {
    const uint32_t s = start[w];
    const uint32_t e = end(w);
    for (std::size_t k = 0; k < n; ++k) {
      const uint32_t x = pos[k];
      if (c[x] != m.c1) continue;  // absorbed by the previous merge (c1 == c2 runs)
      const uint32_t y = next(x, e);
      if (y != kNoPos && c[y] == m.c2) merge_at(s, e, x, y, w, m, out, &touched);
    }
  }

 private:
  // The merge of the symbols at x and y (= next(x)), with HF's count changes.
  void merge_at(uint32_t s, uint32_t e, uint32_t x, uint32_t y, uint32_t w, const MergeStep& m,
                std::vector<Change>& out, std::vector<uint32_t>* touched) {
    const uint32_t len = span[x] + span[y];
    const uint32_t p = x == s ? kNoPos : x - span[x - 1];
    const uint32_t keep_long = touched != nullptr ? 1 : 0;
    if (p != kNoPos) {
      out.push_back({pair_key(c[p], m.c1), w, p * keep_long});
      if (span[p] + len < m.max_len)
        out.push_back({pair_key(c[p], m.repl), w, kGain | p * keep_long});
    }
    const uint32_t nx = next(y, e);
    c[x] = m.repl;
    c[y] = kDead;
    span[x] = len;
    span[x + len - 1] = len;
    if (nx != kNoPos) {
      out.push_back({pair_key(m.c2, c[nx]), w, y * keep_long});
      if (span[nx] + len < m.max_len)
        out.push_back({pair_key(m.repl, c[nx]), w, kGain | x * keep_long});
    }
    if (touched != nullptr) {
      if (p != kNoPos) touched->push_back(p);
      touched->push_back(x);
      touched->push_back(y);
    }
  }
};

}  // namespace miditok::detail
