// Internal: the lookup tables of a BPE model, shared by its copies and by every thread: the
// word cache, the merges by pair of ids (hashed, and dense for the first ids), the
// single-character ids, and where a long word may be cut.
#pragma once

#include <atomic>
#include <bit>
#include <cstdint>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "flat_map.h"

namespace miditok::detail {

// The merges of a vocabulary below 65,535 ids with fewer than 65,536 merges, as 8-byte slots
// (pair a << 16 | b, then rank << 16 | new id) of an open-addressing table at most half full:
// half the bytes of the general map, so that long words' lookups stay in the core's cache.
class CompactPairTable {
 public:
  static constexpr uint64_t kEmpty = ~0ULL;

  void build(const std::vector<std::pair<uint64_t, uint64_t>>& entries) {
    std::size_t cap = 16;
    while (cap < 2 * entries.size()) cap *= 2;
    slots_.assign(cap, kEmpty);
    shift_ = 64 - std::countr_zero(cap);
    for (const auto& [key, value] : entries) {
      const auto k = static_cast<uint32_t>((pair_first(key) << 16) | pair_second(key));
      const auto v = static_cast<uint32_t>(((value >> 32) << 16) | (value & 0xffffU));
      std::size_t i = slot_of(k);
      while (slots_[i] != kEmpty) i = (i + 1) & (cap - 1);
      slots_[i] = (static_cast<uint64_t>(k) << 32) | v;
    }
  }

  // rank << 32 | new id of the pair (a, b), or kEmpty.
  [[nodiscard, gnu::always_inline]] uint64_t find(uint32_t a, uint32_t b) const {
    const uint32_t k = (a << 16) | b;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = slot_of(k);; i = (i + 1) & mask) {
      const uint64_t slot = slots_[i];
      if (slot == kEmpty) return kEmpty;
      if (static_cast<uint32_t>(slot >> 32) == k)
        return ((slot >> 16) & 0xffffU) << 32 | (slot & 0xffffU);
    }
  }

  [[gnu::always_inline]] void prefetch(uint32_t a, uint32_t b) const {
    __builtin_prefetch(&slots_[slot_of((a << 16) | b)]);
  }

 private:
  [[nodiscard]] std::size_t slot_of(uint32_t k) const {
    return static_cast<std::size_t>((static_cast<uint64_t>(k) * 0x9E3779B97F4A7C15ULL) >> shift_);
  }
  std::vector<uint64_t> slots_;
  int shift_ = 60;
};

struct U32Hash {
  using is_transparent = void;
  std::size_t operator()(std::u32string_view v) const noexcept {
    return std::hash<std::u32string_view>{}(v);
  }
};

struct BpeTables {
  static constexpr uint64_t kNone = ~0ULL;
  static constexpr uint32_t kNoId = 0xffffffffU;
  // Encodings of short words, shared by every thread (as HF's BPE cache): the first 10,000
  // words under 256 bytes of UTF-8. Read under a shared lock, filled under an exclusive one.
  mutable std::shared_mutex cache_mutex;
  mutable std::atomic<bool> cache_full{false};  // once full, read with no lock: never changes
  mutable std::unordered_map<std::u32string, std::vector<uint32_t>, U32Hash, std::equal_to<>> cache;
  FlatMap<uint64_t> merges{16};  // pair key -> rank << 32 | new id
  CompactPairTable compact;      // the same, when `use_compact`
  bool use_compact = false;
  std::vector<uint32_t> char_ids;     // code point -> id of the one-char token (kNoId if none)
  std::vector<uint32_t> rank_new_id;  // rank -> id of the merged token
  struct RankMerge {
    uint32_t a, b, new_id;
  };
  std::vector<RankMerge> by_rank;  // rank -> its pair and merged token, in one read
  bool monotone = true;            // every merge only uses tokens built by lower ranks
  // Per id: bit 0 when some merge has it on the left, bit 1 on the right. Most pairs of merged
  // tokens merge no further: these lookups end here, without touching the table.
  std::vector<uint8_t> sides;
  [[nodiscard, gnu::always_inline]] bool may_merge(uint32_t a, uint32_t b) const {
    return (sides[a] & 1U) != 0 && (sides[b] & 2U) != 0;
  }
  // The merges of ids below dense_ids (with the compact table only: the one-char tokens and the
  // first merged ones, the most frequent) as rank << 16 | new id, ~0U for none, a row per left
  // id: one read, no hashing nor probing.
  uint32_t dense_ids = 0;
  std::vector<uint32_t> dense;
  // rank << 32 | new id of the merge of (a, b), or kNone.
  [[nodiscard, gnu::always_inline]] uint64_t find(uint32_t a, uint32_t b) const {
    if (a < dense_ids && b < dense_ids) {
      const uint32_t v = dense[static_cast<std::size_t>(a) * dense_ids + b];
      return v == ~0U ? kNone : (static_cast<uint64_t>(v >> 16) << 32) | (v & 0xffffU);
    }
    if (!may_merge(a, b)) return kNone;
    if (use_compact) return compact.find(a, b);
    const uint64_t* m = merges.find(pair_key(a, b));
    return m != nullptr ? *m : kNone;
  }
  // Where a long word may be cut: bit a * cut_ids + b is set when the one-char tokens a and b
  // (both below cut_ids) are adjacent characters inside some token. Every merge builds a token
  // of the vocabulary, so no merge ever joins two characters whose bit is clear: the word's
  // parts on either side merge alone, to the same ids.
  uint32_t cut_ids = 0;
  std::vector<uint64_t> joined_chars;
  [[nodiscard, gnu::always_inline]] bool may_cut(uint32_t a, uint32_t b) const {
    if (a >= cut_ids || b >= cut_ids) return false;
    const std::size_t bit = static_cast<std::size_t>(a) * cut_ids + b;
    return ((joined_chars[bit >> 6] >> (bit & 63)) & 1U) == 0;
  }
  [[gnu::always_inline]] void prefetch(uint32_t a, uint32_t b) const {
    if ((a < dense_ids && b < dense_ids) || !may_merge(a, b)) return;
    if (use_compact) {
      compact.prefetch(a, b);
    } else {
      merges.prefetch(pair_key(a, b));
    }
  }
};

}  // namespace miditok::detail
