// Internal to the BPE trainer: the lazy max-heap of pairs as HF orders it, the word sets its
// entries carry (one pool, compacted when mostly released) and the grouping of one merge's count
// changes by pair.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "bpe_corpus.h"
#include "flat_map.h"

namespace miditok::detail {

// A queue entry's set of words: kInlineWord | w for the single word w, else the offset in the
// pool of the set's length followed by its words.
using WordSetRef = uint32_t;
inline constexpr uint32_t kInlineWord = 1U << 31;

struct QueueEntry {
  uint64_t count;
  uint64_t pair;
  uint32_t seq;
  WordSetRef words;
};

// True when a comes out of the queue before b: HF's Merge order (higher count, then the smaller
// pair), then the older entry.
inline bool before(const QueueEntry& a, const QueueEntry& b) {
  if (a.count != b.count) return a.count > b.count;
  if (a.pair != b.pair) return a.pair < b.pair;
  return a.seq < b.seq;
}

// A 4-ary max-heap (shallower and more cache-friendly than a binary heap).
class PairQueue {
 public:
  [[nodiscard]] bool empty() const { return heap_.empty(); }
  [[nodiscard]] const QueueEntry& top() const { return heap_.front(); }
  std::vector<QueueEntry>& entries() { return heap_; }
  void push(const QueueEntry& e) {
    std::size_t i = heap_.size();
    heap_.push_back(e);
    while (i > 0) {
      const std::size_t parent = (i - 1) / 4;
      if (!before(e, heap_[parent])) break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    heap_[i] = e;
  }
  void pop() {
    const QueueEntry last = heap_.back();
    heap_.pop_back();
    if (heap_.empty()) return;
    const std::size_t n = heap_.size();
    std::size_t i = 0;
    while (true) {
      const std::size_t first = 4 * i + 1;
      if (first >= n) break;
      std::size_t best = first;
      const std::size_t end = std::min(first + 4, n);
      for (std::size_t k = first + 1; k < end; ++k)
        if (before(heap_[k], heap_[best])) best = k;
      if (!before(heap_[best], last)) break;
      heap_[i] = heap_[best];
      i = best;
    }
    heap_[i] = last;
  }
  void reserve(std::size_t n) { heap_.reserve(n); }

 private:
  std::vector<QueueEntry> heap_;
};

// The word sets of the queue entries in one pool; sets of one word live in the entry itself.
// Sets are released when their entry is merged; the pool is compacted when mostly released.
class WordSets {
 public:
  WordSetRef add(const uint32_t* words, std::size_t n) {
    if (n == 1) return kInlineWord | words[0];
    const auto ref = static_cast<WordSetRef>(data_.size());
    data_.push_back(static_cast<uint32_t>(n));
    data_.insert(data_.end(), words, words + n);
    live_ += n + 1;
    return ref;
  }
  /// The number of words of a set.
  [[nodiscard]] uint32_t size(const WordSetRef& ref) const {
    return (ref & kInlineWord) != 0 ? 1 : data_[ref];
  }
  /// The words of a set (ref must outlive the pointer for a single word).
  [[nodiscard]] const uint32_t* words(const WordSetRef& ref) const {
    return (ref & kInlineWord) != 0 ? &ref : data_.data() + ref + 1;
  }
  /// The word of a single-word set (words() points at the flagged ref).
  [[nodiscard]] static uint32_t word(uint32_t w) { return w & ~kInlineWord; }
  void release(const WordSetRef& ref) {
    if ((ref & kInlineWord) == 0) live_ -= data_[ref] + 1;
  }
  // Moves the live sets of the queue's entries to a fresh pool when most of it is released.
  void maybe_compact(PairQueue& queue) {
    if (data_.size() < (1U << 20) || data_.size() < 3 * live_) return;
    std::vector<uint32_t> fresh;
    fresh.reserve(live_ + live_ / 2);
    for (QueueEntry& e : queue.entries()) {
      if ((e.words & kInlineWord) != 0) continue;
      const auto off = static_cast<WordSetRef>(fresh.size());
      fresh.insert(fresh.end(), data_.begin() + e.words,
                   data_.begin() + e.words + data_[e.words] + 1);
      e.words = off;
    }
    data_.swap(fresh);
  }
  /// True when a set of n words still fits (offsets stay below kInlineWord).
  [[nodiscard]] bool fits(std::size_t n) const { return data_.size() + n + 1 < kInlineWord; }

 private:
  std::vector<uint32_t> data_;
  std::size_t live_ = 0;
};

// Groups one merge's changes by pair without sorting them: a small open-addressing index (reset
// in O(1) by a generation stamp) gives each pair a group; the changes of a group are chained in
// their original order, so the changes of one word stay together.
class ChangeGroups {
 public:
  struct Group {
    uint64_t pair;
    uint32_t first, last;  // chain of change indexes
  };
  std::vector<Group> groups;
  std::vector<uint32_t> chain;  // per change: the next change of its group, or kNoPos

  void build(const std::vector<Change>& changes) {
    groups.clear();
    chain.assign(changes.size(), kNoPos);
    if (keys_.empty()) resize(1024);
    ++gen_;
    for (std::size_t i = 0; i < changes.size(); ++i) {
      const uint64_t pair = changes[i].pair;
      std::size_t h = slot(pair);
      const auto idx = static_cast<uint32_t>(i);
      if (stamp_[h] != gen_) {
        if ((groups.size() + 1) * 2 > keys_.size()) {
          resize(keys_.size() * 2);
          h = slot(pair);
        }
        stamp_[h] = gen_;
        keys_[h] = pair;
        group_[h] = static_cast<uint32_t>(groups.size());
        groups.push_back({pair, idx, idx});
      } else {
        Group& g = groups[group_[h]];
        chain[g.last] = idx;
        g.last = idx;
      }
    }
  }

 private:
  // The slot of pair in this generation: its own, or the free one where it would go.
  [[nodiscard]] std::size_t slot(uint64_t pair) const {
    std::size_t h = detail::mix64(pair) & mask_;
    while (stamp_[h] == gen_ && keys_[h] != pair) h = (h + 1) & mask_;
    return h;
  }
  // Grows the table to cap slots, keeping this generation's groups.
  void resize(std::size_t cap) {
    keys_.assign(cap, 0);
    group_.assign(cap, 0);
    stamp_.assign(cap, 0);
    mask_ = cap - 1;
    gen_ = 1;
    for (std::size_t g = 0; g < groups.size(); ++g) {
      const std::size_t h = slot(groups[g].pair);
      stamp_[h] = gen_;
      keys_[h] = groups[g].pair;
      group_[h] = static_cast<uint32_t>(g);
    }
  }
  std::vector<uint64_t> keys_;
  std::vector<uint32_t> group_, stamp_;
  std::size_t mask_ = 0;
  uint32_t gen_ = 0;
};

}  // namespace miditok::detail
