// BPE training, following the algorithm of HF tokenizers' BpeTrainer step by step (vocabulary
// construction, pair counting, lazy max-heap of pairs with per-entry word sets, left-to-right merge
// scans and their count deltas) so that the merges and ids are the same.
#include "miditok/models/bpe_trainer.h"

#include <algorithm>
#include <array>
#include <limits>
#include <string>
#include <unordered_map>

#include "bpe_corpus.h"
#include "bpe_queue.h"
#include "flat_map.h"
#include "miditok/core/error.h"
#include "miditok/core/thread_pool.h"

namespace miditok {
namespace {

using detail::BpeCorpus;
using detail::Change;
using detail::ChangeGroups;
using detail::FlatMap;
using detail::kDead;
using detail::kGain;
using detail::kNoPos;
using detail::pair_key;
using detail::PairQueue;
using detail::QueueEntry;
using detail::WordSets;
// Words longer than this link their positions into per-pair lists instead of being scanned
// whole at each merge of a pair they hold.
constexpr uint32_t kIndexedWordLength = 1024;

// The count of a pair and, when it occurs in long words, the list of those positions.
struct PairInfo {
  int64_t count = 0;
  uint32_t list = kNoPos;
  uint32_t slot = 0;  // while counting: 1 + index of the pair's first word set
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

// A map from code points to values: a table for the usual small code points, a hash map above.
template <typename V>
class CharMap {
 public:
  V* find(char32_t ch) {
    if (ch < kDense) return ch < dense_.size() && set_[ch] ? &dense_[ch] : nullptr;
    auto it = sparse_.find(ch);
    return it == sparse_.end() ? nullptr : &it->second;
  }
  V& operator[](char32_t ch) {
    if (ch >= kDense) return sparse_[ch];
    if (ch >= dense_.size()) {
      dense_.resize(ch + 1);
      set_.resize(ch + 1);
    }
    set_[ch] = 1;
    return dense_[ch];
  }
  template <typename Fn>
  void for_each(Fn&& fn) const {
    for (std::size_t ch = 0; ch < dense_.size(); ++ch)
      if (set_[ch]) fn(static_cast<char32_t>(ch), dense_[ch]);
    for (const auto& [ch, v] : sparse_) fn(ch, v);
  }

 private:
  static constexpr char32_t kDense = 1U << 16;
  std::vector<V> dense_;
  std::vector<char> set_;
  std::unordered_map<char32_t, V> sparse_;
};

// Steps 1-3 of HF's do_train: special tokens, alphabet, words as symbol ids. Long words are laid
// out first so that their positions form one range.
void build_vocab_and_words(const WordCounts& wc, const BpeTrainerConfig& cfg, VocabBuilder& vocab,
                           BpeCorpus& corpus) {
  for (const auto& tok : cfg.special_tokens) vocab.add(tok);

  CharMap<uint64_t> alphabet;
  for (std::size_t w = 0; w < wc.words.size(); ++w)
    for (const char32_t ch : wc.words[w]) alphabet[ch] += wc.counts[w];
  for (const char32_t ch : cfg.initial_alphabet)
    alphabet[ch] = std::numeric_limits<uint64_t>::max();
  std::vector<std::pair<char32_t, uint64_t>> kept;
  alphabet.for_each([&](char32_t ch, uint64_t n) { kept.emplace_back(ch, n); });
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

  // Symbol ids of (char, not first, last) in the order HF adds them; the flags only matter with
  // a prefix / suffix.
  const bool prefix = cfg.continuing_subword_prefix.has_value();
  const bool suffix = cfg.end_of_word_suffix.has_value();
  CharMap<std::array<uint32_t, 4>> ids;
  auto symbol = [&](char32_t ch, bool not_first, bool last) -> uint32_t {
    std::array<uint32_t, 4>* slot = ids.find(ch);
    if (slot == nullptr) {
      if (!vocab.contains(std::u32string(1, ch))) return kNoPos;  // outside the alphabet
      slot = &ids[ch];
      slot->fill(kNoPos);
    }
    const std::size_t k = (prefix && not_first ? 1 : 0) + (suffix && last ? 2 : 0);
    uint32_t& id = (*slot)[k];
    if (id == kNoPos) {
      std::u32string s(1, ch);
      if (not_first && prefix) s.insert(0, *cfg.continuing_subword_prefix);
      if (last && suffix) s += *cfg.end_of_word_suffix;
      id = vocab.add(s);
    }
    return id;
  };
  const std::size_t n_words = wc.words.size();
  std::vector<std::vector<uint32_t>> word_ids(n_words);
  std::size_t total = 0, long_total = 0;
  for (std::size_t w = 0; w < n_words; ++w) {
    const std::u32string& word = wc.words[w];
    auto& out = word_ids[w];
    out.reserve(word.size());
    for (std::size_t i = 0; i < word.size(); ++i) {
      const uint32_t id = symbol(word[i], i != 0, i + 1 == word.size());
      if (id != kNoPos) out.push_back(id);
    }
    total += out.size();
    if (out.size() > kIndexedWordLength) long_total += out.size();
  }
  if (total >= (1U << 31)) throw ConfigError("train_bpe: the corpus holds more than 2^31 symbols");
  corpus.c.resize(total);
  corpus.span.assign(total, 1);
  corpus.start.resize(n_words);
  corpus.size.resize(n_words);
  uint32_t long_pos = 0;
  auto short_pos = static_cast<uint32_t>(long_total);
  for (std::size_t w = 0; w < n_words; ++w) {
    auto& ids_w = word_ids[w];
    const auto n = static_cast<uint32_t>(ids_w.size());
    const bool is_long = n > kIndexedWordLength;
    uint32_t& pos = is_long ? long_pos : short_pos;
    if (is_long) corpus.long_ids.push_back(static_cast<uint32_t>(w));
    corpus.start[w] = pos;
    corpus.size[w] = n;
    std::copy(ids_w.begin(), ids_w.end(), corpus.c.begin() + pos);
    pos += n;
    std::vector<uint32_t>().swap(ids_w);
  }
  corpus.long_end = static_cast<uint32_t>(long_total);
}

// Step 4: counts every pair, links the positions of long words into their pair's list and
// queues one entry per pair with the words holding it (in increasing order).
void count_pairs(const WordCounts& wc, BpeCorpus& corpus, FlatMap<PairInfo>& pairs,
                 PairQueue& queue, WordSets& sets, uint32_t& seq) {
  corpus.lists.init(corpus.long_end);
  std::vector<std::vector<uint32_t>> words_of;
  const auto n_words = static_cast<uint32_t>(wc.words.size());
  for (uint32_t w = 0; w < n_words; ++w) {
    const uint32_t s = corpus.start[w];
    const uint32_t e = corpus.end(w);
    const auto count = static_cast<int64_t>(wc.counts[w]);
    const bool is_long = corpus.is_long(w);
    for (uint32_t x = s; x + 1 < e; ++x) {
      PairInfo& info = pairs[pair_key(corpus.c[x], corpus.c[x + 1])];
      info.count += count;
      if (info.slot == 0) {
        words_of.emplace_back();
        info.slot = static_cast<uint32_t>(words_of.size());
      }
      auto& ws = words_of[info.slot - 1];
      if (ws.empty() || ws.back() != w) ws.push_back(w);
      if (is_long) {
        if (info.list == kNoPos) info.list = corpus.lists.new_list();
        corpus.lists.link(x, info.list);
      }
    }
  }
  queue.reserve(pairs.size() * 2);
  pairs.for_each([&](uint64_t key, PairInfo& info) {
    auto& ws = words_of[info.slot - 1];
    if (info.count > 0) {
      if (!sets.fits(ws.size())) throw ConfigError("train_bpe: corpus too large");
      queue.push({static_cast<uint64_t>(info.count), key, seq++, sets.add(ws.data(), ws.size())});
    }
    std::vector<uint32_t>().swap(ws);
    info.slot = 0;
  });
}

// The pair's entry, inserted when absent; pairs without count nor position (never looked up
// again unless they come back, as count 0) are dropped rather than growing the map.
PairInfo& pair_info(FlatMap<PairInfo>& pairs, const BpeCorpus& corpus, uint64_t pair) {
  if (pairs.will_grow())  // operator[] grows at this size, even for a present key
    pairs.prune_or_grow([&](uint64_t, const PairInfo& info) {
      return info.count == 0 && info.slot == 0 &&
             (info.list == kNoPos || corpus.lists.empty(info.list));
    });
  return pairs[pair];
}

// With max_token_length, a pair too long for its count still stands in the word (HF merges it
// if it is ever chosen): links the touched positions no counted change linked.
void relink_uncounted(BpeCorpus& corpus, FlatMap<PairInfo>& pairs,
                      const std::vector<std::vector<uint32_t>>& touched, std::size_t n_chunks) {
  for (std::size_t k = 0; k < n_chunks; ++k) {
    for (const uint32_t x : touched[k]) {
      if (corpus.c[x] == kDead || corpus.lists.linked(x)) continue;
      // The long word holding x: the last one starting at or before it.
      const auto it =
          std::upper_bound(corpus.long_ids.begin(), corpus.long_ids.end(), x,
                           [&](uint32_t pos, uint32_t w) { return pos < corpus.start[w]; });
      const uint32_t y = corpus.next(x, corpus.end(*(it - 1)));
      if (y == kNoPos) continue;
      PairInfo& info = pair_info(pairs, corpus, pair_key(corpus.c[x], corpus.c[y]));
      if (info.list == kNoPos) info.list = corpus.lists.new_list();
      corpus.lists.link(x, info.list);
    }
  }
}

// The work of one merge: short words scanned whole, long words at given positions.
struct MergeTask {
  uint32_t word;
  uint32_t begin, end;  // range of the long word's positions in the gathered list
};

}  // namespace

BpeTrainResult train_bpe(const WordCounts& wc, const BpeTrainerConfig& cfg) {
  if (cfg.vocab_size == 0) throw ConfigError("train_bpe: vocab_size must be at least 1 (got 0)");
  if (wc.words.size() != wc.counts.size())
    throw ConfigError("train_bpe: words and counts must have the same length");
  if (wc.words.size() >= detail::kInlineWord)
    throw ConfigError("train_bpe: too many distinct words (at most 2^31 - 1)");
  const std::size_t max_len =
      cfg.max_token_length.value_or(std::numeric_limits<std::size_t>::max());

  VocabBuilder vocab;
  BpeCorpus corpus;
  build_vocab_and_words(wc, cfg, vocab, corpus);
  FlatMap<PairInfo> pairs(1024);
  PairQueue queue;
  WordSets sets;
  uint32_t seq = 0;
  count_pairs(wc, corpus, pairs, queue, sets, seq);

  // 5. Merges.
  BpeTrainResult result;
  const std::size_t threads = num_threads();
  std::vector<std::vector<Change>> chunk_changes(threads * 4);
  std::vector<std::vector<uint32_t>> chunk_touched(threads * 4);
  std::vector<Change> changes;
  std::vector<uint32_t> gained_words, positions,
      stamp(corpus.long_ids.empty() ? 0 : wc.words.size());
  std::vector<MergeTask> tasks;
  ChangeGroups grouped;
  uint32_t round = 0;
  while (vocab.word_to_id.size() < cfg.vocab_size && !queue.empty()) {
    sets.maybe_compact(queue);
    QueueEntry top = queue.top();
    queue.pop();
    const PairInfo* info = pairs.find(top.pair);  // absent: dropped at count 0
    const auto current = info == nullptr ? 0 : static_cast<uint64_t>(info->count);
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
    const detail::MergeStep step{a, b, new_id, max_len};

    // The words to merge: short ones whole, long ones at their listed positions.
    tasks.clear();
    positions.clear();
    ++round;
    bool any_long = false;
    const uint32_t* words = sets.words(top.words);
    const uint32_t n_set = sets.size(top.words);
    for (uint32_t k = 0; k < n_set; ++k) {
      const uint32_t w = WordSets::word(words[k]);
      if (corpus.is_long(w)) {
        stamp[w] = round;
        any_long = true;
      } else {
        tasks.push_back({w, 0, 0});
      }
    }
    sets.release(top.words);
    if (any_long && info->list != kNoPos) {
      corpus.lists.collect(info->list, positions);
      std::sort(positions.begin(), positions.end());
      std::size_t li = 0;
      for (std::size_t k = 0; k < positions.size();) {
        while (corpus.end(corpus.long_ids[li]) <= positions[k]) ++li;
        const uint32_t w = corpus.long_ids[li];
        std::size_t j = k;
        while (j < positions.size() && positions[j] < corpus.end(w)) ++j;
        if (stamp[w] == round)
          tasks.push_back({w, static_cast<uint32_t>(k), static_cast<uint32_t>(j)});
        k = j;
      }
    }

    const std::size_t n_chunks =
        threads <= 1 || tasks.size() < 256 ? 1 : std::min(threads * 4, tasks.size() / 64 + 1);
    auto run_chunk = [&](std::size_t k) {
      auto& out = k == 0 ? changes : chunk_changes[k];  // chunk 0 writes in place
      auto& touched = chunk_touched[k];
      out.clear();
      touched.clear();
      const std::size_t lo = tasks.size() * k / n_chunks, hi = tasks.size() * (k + 1) / n_chunks;
      for (std::size_t i = lo; i < hi; ++i) {
        const MergeTask& t = tasks[i];
        if (i + 2 < hi) corpus.prefetch(tasks[i + 2].word);
        if (t.begin == t.end)
          corpus.merge_short(t.word, step, out);
        else
          corpus.merge_long(t.word, positions.data() + t.begin, t.end - t.begin, step, out,
                            touched);
      }
    };
    if (n_chunks == 1)
      run_chunk(0);
    else
      parallel_for(n_chunks, run_chunk);
    for (std::size_t k = 0; k < n_chunks; ++k) {
      if (k != 0) changes.insert(changes.end(), chunk_changes[k].begin(), chunk_changes[k].end());
      for (const uint32_t x : chunk_touched[k]) corpus.lists.unlink(x);
    }

    // Apply the count changes grouped by pair (one map access per pair); pairs that gained an
    // occurrence get a new entry holding the words where they gained it, and the long words'
    // positions that now start the pair join its list.
    grouped.build(changes);
    for (std::size_t gi = 0; gi < grouped.groups.size(); ++gi) {
      const auto& g = grouped.groups[gi];
      const uint64_t pair = g.pair;
      if (gi + 8 < grouped.groups.size()) pairs.prefetch(grouped.groups[gi + 8].pair);
      int64_t delta = 0;
      gained_words.clear();
      PairInfo& pinfo = pair_info(pairs, corpus, pair);
      for (uint32_t i = g.first; i != kNoPos; i = grouped.chain[i]) {
        const Change& ch = changes[i];
        const auto n = static_cast<int64_t>(wc.counts[ch.word]);
        if ((ch.pos & kGain) == 0) {
          delta -= n;
          continue;
        }
        delta += n;
        if (gained_words.empty() || gained_words.back() != ch.word) gained_words.push_back(ch.word);
        const uint32_t x = ch.pos & ~kGain;
        if (corpus.is_long(ch.word) && !corpus.lists.linked(x) && corpus.c[x] != kDead) {
          const uint32_t y = corpus.next(x, corpus.end(ch.word));
          if (y != kNoPos && pair_key(corpus.c[x], corpus.c[y]) == pair) {
            if (pinfo.list == kNoPos) pinfo.list = corpus.lists.new_list();
            corpus.lists.link(x, pinfo.list);
          }
        }
      }
      pinfo.count += delta;
      if (!gained_words.empty() && pinfo.count > 0) {
        if (!sets.fits(gained_words.size())) throw ConfigError("train_bpe: corpus too large");
        queue.push({static_cast<uint64_t>(pinfo.count), pair, seq++,
                    sets.add(gained_words.data(), gained_words.size())});
      }
    }
    if (cfg.max_token_length) relink_uncounted(corpus, pairs, chunk_touched, n_chunks);
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
