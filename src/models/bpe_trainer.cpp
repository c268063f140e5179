// BPE training, following the algorithm of HF tokenizers' BpeTrainer step by step (vocabulary
// construction, pair counting, lazy max-heap of pairs with per-entry word sets, left-to-right merge
// scans and their count deltas) so that the merges and ids are the same.
#include "miditok/models/bpe_trainer.h"

#include <algorithm>
#include <limits>
#include <memory>
#include <string>
#include <unordered_map>

#include "flat_map.h"
#include "miditok/core/error.h"
#include "miditok/core/thread_pool.h"

namespace miditok {
namespace {

using detail::FlatMap;
using detail::pair_key;
constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();
// Words longer than this keep an index pair -> positions instead of being scanned per merge.
constexpr uint32_t kIndexedWordLength = 1024;

// One count change produced by a merge in a word, as HF's Word::merge reports it.
struct Change {
  uint64_t pair;
  int32_t delta;
  uint32_t word;
};

// All the words' symbols in flat arrays; a word is a range [start, start + size) whose symbols are
// linked by local prev/next indexes. A merge absorbs the right symbol into the left one, so
// the first symbol never dies and node order is sequence order.
class Corpus {
 public:
  std::vector<uint64_t> start;
  std::vector<uint32_t> size;
  std::vector<uint32_t> c, len, prev, next;
  // Long words: pair -> local positions where it may occur (lazily validated). The positions of
  // a pair form a linked list in the word's arena (8 bytes a position, no allocation per pair).
  struct PositionIndex {
    FlatMap<uint32_t> head{64};                        // pair -> 1 + arena index of its last entry
    std::vector<std::pair<uint32_t, uint32_t>> arena;  // (position, 1 + previous entry or 0)
    void add(uint64_t pair, uint32_t pos) {
      uint32_t& h = head[pair];
      arena.emplace_back(pos, h);
      h = static_cast<uint32_t>(arena.size());
    }
    // Moves the pair's positions into out (any order) and empties its list.
    void take(uint64_t pair, std::vector<uint32_t>& out) {
      uint32_t* h = head.find(pair);
      if (h == nullptr) return;
      for (uint32_t e = *h; e != 0; e = arena[e - 1].second) out.push_back(arena[e - 1].first);
      *h = 0;
    }
  };
  std::vector<std::unique_ptr<PositionIndex>> index;

  void add_word(const std::vector<uint32_t>& ids) {
    start.push_back(c.size());
    size.push_back(static_cast<uint32_t>(ids.size()));
    const auto n = static_cast<uint32_t>(ids.size());
    for (uint32_t i = 0; i < n; ++i) {
      c.push_back(ids[i]);
      len.push_back(1);
      prev.push_back(i == 0 ? kNone : i - 1);
      next.push_back(i + 1 < n ? i + 1 : kNone);
    }
    index.emplace_back();
  }

  void build_index(uint32_t w) {
    auto idx = std::make_unique<PositionIndex>();
    const uint64_t s = start[w];
    idx->arena.reserve(size[w]);
    for (uint32_t i = 0; i + 1 < size[w]; ++i) idx->add(pair_key(c[s + i], c[s + i + 1]), i);
    index[w] = std::move(idx);
  }

  // Merges every occurrence of (c1, c2) in word w, left to right, reporting count changes.
  void merge(uint32_t w, uint32_t c1, uint32_t c2, uint32_t repl, std::size_t max_len,
             std::vector<Change>& out) {
    const uint64_t s = start[w];
    auto* idx = index[w].get();
    auto merge_at = [&](uint32_t i) {
      const uint32_t j = next[s + i];
      const uint32_t new_len = len[s + i] + len[s + j];
      const uint32_t p = prev[s + i];
      if (p != kNone) {
        out.push_back({pair_key(c[s + p], c1), -1, w});
        if (len[s + p] + new_len < max_len) out.push_back({pair_key(c[s + p], repl), 1, w});
      }
      const uint32_t nx = next[s + j];
      c[s + i] = repl;
      len[s + i] = new_len;
      next[s + i] = nx;
      len[s + j] = 0;
      if (nx != kNone) {
        prev[s + nx] = i;
        out.push_back({pair_key(c2, c[s + nx]), -1, w});
        if (len[s + nx] + new_len < max_len) out.push_back({pair_key(repl, c[s + nx]), 1, w});
      }
      if (idx != nullptr) {
        if (p != kNone) idx->add(pair_key(c[s + p], repl), p);
        if (nx != kNone) idx->add(pair_key(repl, c[s + nx]), i);
      }
    };
    if (idx == nullptr) {
      for (uint32_t i = 0; i != kNone; i = next[s + i]) {
        if (c[s + i] != c1) continue;
        const uint32_t j = next[s + i];
        if (j != kNone && c[s + j] == c2) merge_at(i);
      }
      return;
    }
    std::vector<uint32_t> cand;
    idx->take(pair_key(c1, c2), cand);
    if (cand.empty()) return;
    std::sort(cand.begin(), cand.end());
    cand.erase(std::unique(cand.begin(), cand.end()), cand.end());
    for (const uint32_t i : cand) {
      if (len[s + i] == 0 || c[s + i] != c1) continue;
      const uint32_t j = next[s + i];
      if (j != kNone && c[s + j] == c2) merge_at(i);
    }
  }
};

struct QueueEntry {
  uint64_t count;
  uint64_t pair;
  uint32_t seq;
  uint32_t pos;  // index into the word-set store
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
  [[nodiscard]] std::size_t size() const { return heap_.size(); }
  [[nodiscard]] const QueueEntry& top() const { return heap_.front(); }
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

class VocabBuilder {
 public:
  std::vector<std::u32string> id_to_word;
  std::unordered_map<std::u32string, uint32_t> word_to_id;

  uint32_t add(const std::u32string& s) {
    auto it = word_to_id.find(s);
    if (it != word_to_id.end()) return it->second;
    const auto id = static_cast<uint32_t>(id_to_word.size());
    id_to_word.push_back(s);
    word_to_id.emplace(s, id);
    return id;
  }
  [[nodiscard]] bool contains(const std::u32string& s) const { return word_to_id.count(s) != 0; }
};

// Steps 1-3 of HF's do_train: special tokens, alphabet, words as symbol ids.
void build_vocab_and_words(const WordCounts& wc, const BpeTrainerConfig& cfg, VocabBuilder& vocab,
                           Corpus& corpus) {
  for (const auto& tok : cfg.special_tokens) vocab.add(tok);

  std::unordered_map<char32_t, uint64_t> alphabet;
  for (std::size_t w = 0; w < wc.words.size(); ++w)
    for (const char32_t ch : wc.words[w]) alphabet[ch] += wc.counts[w];
  for (const char32_t ch : cfg.initial_alphabet)
    alphabet[ch] = std::numeric_limits<uint64_t>::max();
  std::vector<std::pair<char32_t, uint64_t>> kept(alphabet.begin(), alphabet.end());
  if (cfg.limit_alphabet && kept.size() > *cfg.limit_alphabet) {
    // HF sorts unstably by count; we break count ties by code point so the result is stable.
    std::sort(kept.begin(), kept.end(), [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second < b.second : a.first < b.first;
    });
    kept.erase(kept.begin(),
               kept.begin() + static_cast<std::ptrdiff_t>(kept.size() - *cfg.limit_alphabet));
  }
  std::sort(kept.begin(), kept.end());
  for (const auto& [ch, n] : kept) vocab.add(std::u32string(1, ch));

  std::vector<uint32_t> ids;
  for (const auto& word : wc.words) {
    ids.clear();
    for (std::size_t i = 0; i < word.size(); ++i) {
      std::u32string s(1, word[i]);
      if (!vocab.contains(s)) continue;
      if (i != 0 && cfg.continuing_subword_prefix) s.insert(0, *cfg.continuing_subword_prefix);
      if (i + 1 == word.size() && cfg.end_of_word_suffix) s += *cfg.end_of_word_suffix;
      ids.push_back(vocab.add(s));
    }
    corpus.add_word(ids);
  }
}

}  // namespace

BpeTrainResult train_bpe(const WordCounts& wc, const BpeTrainerConfig& cfg) {
  if (cfg.vocab_size == 0) throw ConfigError("train_bpe: vocab_size must be at least 1 (got 0)");
  if (wc.words.size() != wc.counts.size())
    throw ConfigError("train_bpe: words and counts must have the same length");
  if (wc.words.size() >= kNone) throw ConfigError("train_bpe: too many distinct words");
  const std::size_t max_len =
      cfg.max_token_length.value_or(std::numeric_limits<std::size_t>::max());

  VocabBuilder vocab;
  Corpus corpus;
  build_vocab_and_words(wc, cfg, vocab, corpus);
  const auto n_words = static_cast<uint32_t>(wc.words.size());
  std::vector<uint32_t> long_words;
  for (uint32_t w = 0; w < n_words; ++w)
    if (corpus.size[w] > kIndexedWordLength) long_words.push_back(w);
  parallel_for(long_words.size(), [&](std::size_t i) { corpus.build_index(long_words[i]); });

  // 4. Count pairs; the word sets list each word once, in increasing order.
  FlatMap<int64_t> pair_counts(1024);
  FlatMap<uint32_t> first_pos(1024);
  std::vector<std::vector<uint32_t>> pos_store;
  for (uint32_t w = 0; w < n_words; ++w) {
    const uint64_t s = corpus.start[w];
    const auto count = static_cast<int64_t>(wc.counts[w]);
    for (uint32_t i = 0; i + 1 < corpus.size[w]; ++i) {
      const uint64_t key = pair_key(corpus.c[s + i], corpus.c[s + i + 1]);
      pair_counts[key] += count;
      uint32_t& slot = first_pos[key];
      if (slot == 0) {
        pos_store.emplace_back();
        slot = static_cast<uint32_t>(pos_store.size());
      }
      auto& pos = pos_store[slot - 1];
      if (pos.empty() || pos.back() != w) pos.push_back(w);
    }
  }
  PairQueue queue;
  queue.reserve(first_pos.size() * 2);
  uint32_t seq = 0;
  std::vector<uint32_t> free_slots;
  first_pos.for_each([&](uint64_t key, uint32_t slot) {
    const int64_t count = *pair_counts.find(key);
    if (count > 0)
      queue.push({static_cast<uint64_t>(count), key, seq++, slot - 1});
    else
      free_slots.push_back(slot - 1);
  });

  // 5. Merges.
  BpeTrainResult result;
  std::vector<Change> changes;
  std::vector<uint32_t> gained_words;
  const std::size_t threads = num_threads();
  std::vector<std::vector<Change>> chunk_changes(threads);
  while (vocab.word_to_id.size() < cfg.vocab_size && !queue.empty()) {
    QueueEntry top = queue.top();
    queue.pop();
    const auto current = static_cast<uint64_t>(*pair_counts.find(top.pair));
    if (top.count != current) {
      top.count = current;
      top.seq = seq++;
      queue.push(top);
      continue;
    }
    if (top.count < 1 || cfg.min_frequency > top.count) break;

    const uint32_t a = detail::pair_first(top.pair);
    const uint32_t b = detail::pair_second(top.pair);
    std::u32string_view part_b = vocab.id_to_word[b];
    if (cfg.continuing_subword_prefix && part_b.starts_with(*cfg.continuing_subword_prefix))
      part_b.remove_prefix(cfg.continuing_subword_prefix->size());
    std::u32string new_token = vocab.id_to_word[a];
    new_token += part_b;
    const uint32_t new_id = vocab.add(new_token);
    result.merges.emplace_back(a, b);

    std::vector<uint32_t> pos = std::move(pos_store[top.pos]);
    pos_store[top.pos] = {};
    free_slots.push_back(top.pos);
    changes.clear();
    if (pos.size() < 256 || threads <= 1) {
      for (const uint32_t w : pos) corpus.merge(w, a, b, new_id, max_len, changes);
    } else {
      const std::size_t n_chunks = std::min<std::size_t>(threads * 4, pos.size() / 64 + 1);
      chunk_changes.resize(n_chunks);
      parallel_for(n_chunks, [&](std::size_t k) {
        auto& out = chunk_changes[k];
        out.clear();
        const std::size_t lo = pos.size() * k / n_chunks, hi = pos.size() * (k + 1) / n_chunks;
        for (std::size_t i = lo; i < hi; ++i) corpus.merge(pos[i], a, b, new_id, max_len, out);
      });
      for (const auto& out : chunk_changes) changes.insert(changes.end(), out.begin(), out.end());
    }

    // Apply the count changes grouped by pair (one map access per pair); pairs that gained an
    // occurrence get a new entry holding the words where they gained it.
    std::sort(changes.begin(), changes.end(), [](const Change& x, const Change& y) {
      return x.pair != y.pair ? x.pair < y.pair : x.word < y.word;
    });
    for (std::size_t i = 0; i < changes.size();) {
      const uint64_t pair = changes[i].pair;
      int64_t delta = 0;
      gained_words.clear();
      std::size_t j = i;
      for (; j < changes.size() && changes[j].pair == pair; ++j) {
        const Change& ch = changes[j];
        delta += static_cast<int64_t>(ch.delta) * static_cast<int64_t>(wc.counts[ch.word]);
        if (ch.delta > 0 && (gained_words.empty() || gained_words.back() != ch.word))
          gained_words.push_back(ch.word);
      }
      int64_t& count = pair_counts[pair];
      count += delta;
      if (!gained_words.empty() && count > 0) {
        uint32_t slot;
        if (!free_slots.empty()) {
          slot = free_slots.back();
          free_slots.pop_back();
        } else {
          slot = static_cast<uint32_t>(pos_store.size());
          pos_store.emplace_back();
        }
        pos_store[slot].assign(gained_words.begin(), gained_words.end());
        queue.push({static_cast<uint64_t>(count), pair, seq++, slot});
      }
      i = j;
    }
  }
  result.vocab = std::move(vocab.id_to_word);
  return result;
}

BpeModel make_bpe_model(const BpeTrainResult& result, const BpeTrainerConfig& config) {
  // A pair merged twice keeps its last rank (HF collects the merges into a map).
  std::unordered_map<uint64_t, std::size_t> last;
  for (std::size_t i = 0; i < result.merges.size(); ++i)
    last[pair_key(result.merges[i].first, result.merges[i].second)] = i;
  std::vector<std::pair<uint32_t, uint32_t>> merges;
  merges.reserve(last.size());
  for (std::size_t i = 0; i < result.merges.size(); ++i)
    if (last[pair_key(result.merges[i].first, result.merges[i].second)] == i)
      merges.push_back(result.merges[i]);
  BpeModel model(result.vocab, merges, config.continuing_subword_prefix);
  model.end_of_word_suffix = config.end_of_word_suffix;
  return model;
}

}  // namespace miditok
