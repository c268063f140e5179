// Internal: an open-addressing hash map from 64-bit keys (pairs of ids) to values, used by the
// trainers' hot loops. UINT64_MAX is reserved as the empty key. Entries are removed in bulk
// (erase_if, backward-shift deletion) when the owner would rather drop dead entries than grow.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace miditok::detail {

/// Mixes the bits of a 64-bit key (splitmix64 finaliser).
inline uint64_t mix64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

/// The key of the pair of ids (a, b); its order is the lexicographic order of the pair.
inline uint64_t pair_key(uint32_t a, uint32_t b) { return (static_cast<uint64_t>(a) << 32) | b; }
inline uint32_t pair_first(uint64_t k) { return static_cast<uint32_t>(k >> 32); }
inline uint32_t pair_second(uint64_t k) { return static_cast<uint32_t>(k); }

template <typename V>
class FlatMap {
 public:
  static constexpr uint64_t kEmpty = ~0ULL;

  explicit FlatMap(std::size_t expected = 16) { rehash(capacity_for(expected)); }

  /// The value of key, default-inserted when absent.
  V& operator[](uint64_t key) {
    if ((size_ + 1) * 4 > slots_.size() * 3) rehash(slots_.size() * 2);
    std::size_t i = mix64(key) & mask_;
    while (slots_[i].key != kEmpty) {
      if (slots_[i].key == key) return slots_[i].value;
      i = (i + 1) & mask_;
    }
    slots_[i].key = key;
    slots_[i].value = V{};
    ++size_;
    return slots_[i].value;
  }

  /// A pointer to the value of key, or nullptr.
  const V* find(uint64_t key) const {
    std::size_t i = mix64(key) & mask_;
    while (slots_[i].key != kEmpty) {
      if (slots_[i].key == key) return &slots_[i].value;
      i = (i + 1) & mask_;
    }
    return nullptr;
  }
  V* find(uint64_t key) { return const_cast<V*>(std::as_const(*this).find(key)); }

  [[nodiscard]] std::size_t size() const { return size_; }

  /// True when the next insertion of a new key makes the table grow.
  [[nodiscard]] bool will_grow() const { return (size_ + 1) * 4 > slots_.size() * 3; }

  /// Removes the entries for which pred(key, value) holds, then grows the table unless that
  /// left it at most 5/8 full (so that pruning stays amortised).
  template <typename Pred>
  void prune_or_grow(Pred&& pred) {
    std::size_t first_empty = 0;
    while (slots_[first_empty].key != kEmpty) ++first_empty;
    // From just after an empty slot, no run of entries wraps past the scan's start.
    for (std::size_t step = 1; step <= slots_.size(); ++step) {
      const std::size_t i = (first_empty + step) & mask_;
      while (slots_[i].key != kEmpty && pred(slots_[i].key, slots_[i].value)) erase_at(i);
    }
    if ((size_ + 1) * 8 > slots_.size() * 5) rehash(slots_.size() * 2);
  }

  /// Asks the cache for the slot where key would be looked up first.
  void prefetch(uint64_t key) const {
#if defined(__GNUC__)
    __builtin_prefetch(&slots_[mix64(key) & mask_]);
#else
    (void)key;
#endif
  }

  /// Calls fn(key, value&) for every entry.
  template <typename Fn>
  void for_each(Fn&& fn) {
    for (auto& slot : slots_)
      if (slot.key != kEmpty) fn(slot.key, slot.value);
  }

 private:
  static std::size_t capacity_for(std::size_t n) {
    std::size_t c = 16;
    while (c * 3 < n * 4 + 4) c *= 2;
    return c;
  }
  struct Slot {
    uint64_t key = kEmpty;
    V value{};
  };

  // Empties slot i and moves later entries of its run back into the hole when they may live
  // there (their home slot is not between the hole and them).
  void erase_at(std::size_t i) {
    std::size_t j = i;
    while (true) {
      j = (j + 1) & mask_;
      if (slots_[j].key == kEmpty) break;
      const std::size_t home = mix64(slots_[j].key) & mask_;
      if (((j - home) & mask_) >= ((j - i) & mask_)) {
        slots_[i] = std::move(slots_[j]);
        i = j;
      }
    }
    slots_[i].key = kEmpty;
    slots_[i].value = V{};
    --size_;
  }

  void rehash(std::size_t cap) {
    std::vector<Slot> old(cap);
    old.swap(slots_);
    mask_ = cap - 1;
    size_ = 0;
    for (auto& slot : old) {
      if (slot.key == kEmpty) continue;
      std::size_t j = mix64(slot.key) & mask_;
      while (slots_[j].key != kEmpty) j = (j + 1) & mask_;
      slots_[j] = std::move(slot);
      ++size_;
    }
  }

  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

}  // namespace miditok::detail
