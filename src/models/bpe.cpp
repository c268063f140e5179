// BPE encoding as HF tokenizers' BPE model: characters to ids (with prefix/suffix, unk and byte
// fallback), then merges applied by rank (ties: leftmost) over a linked list of symbols.
#include "miditok/models/bpe.h"

#include <algorithm>
#include <bit>
#include <cstdio>
#include <functional>
#include <mutex>
#include <shared_mutex>
#include <string_view>

#include "flat_map.h"
#include "miditok/core/error.h"
#include "miditok/models/text.h"

namespace miditok {

namespace detail {
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
  [[nodiscard]] uint64_t find(uint32_t a, uint32_t b) const {
    const uint32_t k = (a << 16) | b;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = slot_of(k);; i = (i + 1) & mask) {
      const uint64_t slot = slots_[i];
      if (slot == kEmpty) return kEmpty;
      if (static_cast<uint32_t>(slot >> 32) == k)
        return ((slot >> 16) & 0xffffU) << 32 | (slot & 0xffffU);
    }
  }

  void prefetch(uint32_t a, uint32_t b) const {
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
  // Encodings of short words, shared by every thread (as HF's BPE cache): the first 10,000
  // words under 256 bytes of UTF-8. Read under a shared lock, filled under an exclusive one.
  mutable std::shared_mutex cache_mutex;
  mutable std::unordered_map<std::u32string, std::vector<uint32_t>, U32Hash, std::equal_to<>> cache;
  FlatMap<uint64_t> merges{16};  // pair key -> rank << 32 | new id
  CompactPairTable compact;      // the same, when `use_compact`
  bool use_compact = false;
  std::vector<uint32_t> char_ids;     // code point -> id of the one-char token (kNoId if none)
  std::vector<uint32_t> rank_new_id;  // rank -> id of the merged token
  bool monotone = true;               // every merge only uses tokens built by lower ranks
  // Per id: bit 0 when some merge has it on the left, bit 1 on the right. Most pairs of merged
  // tokens merge no further: these lookups end here, without touching the table.
  std::vector<uint8_t> sides;
  [[nodiscard]] bool may_merge(uint32_t a, uint32_t b) const {
    return (sides[a] & 1U) != 0 && (sides[b] & 2U) != 0;
  }
  // rank << 32 | new id of the merge of (a, b), or kNone.
  [[nodiscard]] uint64_t find(uint32_t a, uint32_t b) const {
    if (!may_merge(a, b)) return kNone;
    if (use_compact) return compact.find(a, b);
    const uint64_t* m = merges.find(pair_key(a, b));
    return m != nullptr ? *m : kNone;
  }
  void prefetch(uint32_t a, uint32_t b) const {
    if (!may_merge(a, b)) return;
    if (use_compact) {
      compact.prefetch(a, b);
    } else {
      merges.prefetch(pair_key(a, b));
    }
  }
};
}  // namespace detail

namespace {
constexpr uint32_t kNoId = 0xffffffffU;
constexpr char32_t kCharTable = 0x10000;
constexpr std::size_t kBucketWordLength = 256;
}  // namespace

BpeModel::BpeModel(std::vector<std::u32string> vocab,
                   const std::vector<std::pair<uint32_t, uint32_t>>& merges,
                   std::optional<std::u32string> prefix)
    : continuing_subword_prefix(std::move(prefix)), vocab_(std::move(vocab)), merges_(merges) {
  token_ids_.reserve(vocab_.size());
  for (std::size_t i = 0; i < vocab_.size(); ++i)
    token_ids_.emplace(vocab_[i], static_cast<uint32_t>(i));
  auto tables = std::make_shared<detail::BpeTables>();
  tables->char_ids.assign(kCharTable, kNoId);
  for (std::size_t i = 0; i < vocab_.size(); ++i)
    if (vocab_[i].size() == 1 && vocab_[i][0] < kCharTable)
      tables->char_ids[vocab_[i][0]] = static_cast<uint32_t>(i);
  const std::u32string* strip = continuing_subword_prefix ? &*continuing_subword_prefix : nullptr;
  tables->sides.assign(vocab_.size(), 0);
  for (std::size_t r = 0; r < merges_.size(); ++r) {
    const auto [a, b] = merges_[r];
    if (a >= vocab_.size() || b >= vocab_.size())
      throw TokenError("BPE merge " + std::to_string(r) + " refers to an id outside the vocab");
    tables->sides[a] |= 1U;
    tables->sides[b] |= 2U;
    std::u32string_view right = vocab_[b];
    if (strip != nullptr && right.starts_with(*strip)) right.remove_prefix(strip->size());
    std::u32string joined = vocab_[a];
    joined += right;
    auto it = token_ids_.find(joined);
    if (it == token_ids_.end())
      throw TokenError("BPE merge " + std::to_string(r) + " (" + u32_to_utf8(vocab_[a]) + " " +
                       u32_to_utf8(vocab_[b]) + ") builds a token missing from the vocab");
    tables->merges[detail::pair_key(a, b)] = (static_cast<uint64_t>(r) << 32) | it->second;
    tables->rank_new_id.push_back(it->second);
  }
  if (vocab_.size() < 0xffff && merges_.size() <= 0x10000) {
    std::vector<std::pair<uint64_t, uint64_t>> entries;
    entries.reserve(merges_.size());
    tables->merges.for_each(
        [&](uint64_t key, uint64_t value) { entries.emplace_back(key, value); });
    tables->compact.build(entries);
    tables->use_compact = true;
  }
  // Monotone when no token is used by a merge ranked before (or at) a merge that builds it.
  std::vector<int64_t> last_built(vocab_.size(), -1);
  for (std::size_t r = 0; r < merges_.size(); ++r)
    last_built[tables->rank_new_id[r]] = static_cast<int64_t>(r);
  for (std::size_t r = 0; r < merges_.size() && tables->monotone; ++r) {
    const auto rr = static_cast<int64_t>(r);
    if (last_built[merges_[r].first] >= rr || last_built[merges_[r].second] >= rr)
      tables->monotone = false;
  }
  tables_ = std::move(tables);
}

const std::u32string& BpeModel::id_to_token(uint32_t id) const {
  if (id >= vocab_.size())
    throw TokenError("id " + std::to_string(id) + " is outside the vocabulary of size " +
                     std::to_string(vocab_.size()));
  return vocab_[id];
}

std::optional<uint32_t> BpeModel::token_to_id(const std::u32string& token) const {
  auto it = token_ids_.find(token);
  if (it == token_ids_.end()) return std::nullopt;
  return it->second;
}

std::vector<uint32_t> BpeModel::encode_word(std::u32string_view word) const {
  std::vector<uint32_t> out;
  encode_word_into(word, out);
  return out;
}

namespace {

struct Sym {
  uint32_t c;
  int32_t prev, next;
  uint32_t len;
};

struct Cand {
  uint32_t rank, pos, new_id;
  bool operator<(const Cand& o) const {  // min-heap on (rank, pos) through std::priority_queue
    return rank != o.rank ? rank > o.rank : pos > o.pos;
  }
};

// Min-queue on (rank, pos) over a reused buffer.
struct CandQueue {
  std::vector<Cand>& v;
  [[nodiscard]] bool empty() const { return v.empty(); }
  [[nodiscard]] const Cand& top() const { return v.front(); }
  void push(const Cand& c) {
    v.push_back(c);
    std::push_heap(v.begin(), v.end());
  }
  void pop() {
    std::pop_heap(v.begin(), v.end());
    v.pop_back();
  }
};

void add_sym(std::vector<Sym>& syms, uint32_t c, uint32_t len) {
  const auto n = static_cast<int32_t>(syms.size());
  if (n > 0) syms.back().next = n;
  syms.push_back({c, n - 1, -1, len});
}

}  // namespace

namespace {
// The words cached: as HF's BPE, those under 256 bytes of UTF-8, the first 10,000 met.
constexpr std::size_t kCacheMaxBytes = 256;
constexpr std::size_t kCacheCapacity = 10000;

// Whether the word's UTF-8 form is shorter than kCacheMaxBytes.
bool cacheable(std::u32string_view word) {
  if (word.size() >= kCacheMaxBytes) return false;
  std::size_t bytes = 0;
  for (const char32_t ch : word) bytes += ch < 0x80 ? 1 : ch < 0x800 ? 2 : ch < 0x10000 ? 3 : 4;
  return bytes < kCacheMaxBytes;
}
}  // namespace

void BpeModel::encode_word_into(std::u32string_view word, std::vector<uint32_t>& out) const {
  if (word.empty()) return;
  if (dropout || !cacheable(word)) return encode_uncached(word, out);
  {
    const std::shared_lock lock(tables_->cache_mutex);
    if (const auto it = tables_->cache.find(word); it != tables_->cache.end()) {
      out.insert(out.end(), it->second.begin(), it->second.end());
      return;
    }
  }
  const std::size_t mark = out.size();
  encode_uncached(word, out);
  const std::unique_lock lock(tables_->cache_mutex);
  if (tables_->cache.size() < kCacheCapacity)
    tables_->cache.try_emplace(std::u32string(word),
                               out.begin() + static_cast<std::ptrdiff_t>(mark), out.end());
}

void BpeModel::encode_uncached(std::u32string_view word, std::vector<uint32_t>& out) const {
  if (ignore_merges) {
    auto it = token_ids_.find(std::u32string(word));
    if (it != token_ids_.end()) {
      out.push_back(it->second);
      return;
    }
  }
  thread_local std::vector<Sym> tls_syms;
  std::vector<Sym>& syms = tls_syms;  // one TLS lookup, not one per access
  syms.clear();
  syms.reserve(word.size());
  const bool plain = !continuing_subword_prefix && !end_of_word_suffix;
  std::u32string s;
  bool has_unk = false;
  uint32_t unk_id = 0, unk_len = 0;
  for (std::size_t i = 0; i < word.size(); ++i) {
    const char32_t ch = word[i];
    const uint32_t byte_len = ch < 0x80 ? 1 : ch < 0x800 ? 2 : ch < 0x10000 ? 3 : 4;
    uint32_t found = kNoId;
    bool plain_char =
        plain || ((i == 0 || !continuing_subword_prefix || continuing_subword_prefix->empty()) &&
                  (i + 1 != word.size() || !end_of_word_suffix || end_of_word_suffix->empty()));
    if (plain_char && ch < kCharTable) {
      found = tables_->char_ids[ch];
      if (found != kNoId) {  // the common case: no string built
        if (has_unk) {
          add_sym(syms, unk_id, unk_len);
          has_unk = false;
        }
        add_sym(syms, found, byte_len);
        continue;
      }
      s.assign(1, ch);
    } else {
      s.assign(1, ch);
      if (i != 0 && continuing_subword_prefix) s.insert(0, *continuing_subword_prefix);
      if (i + 1 == word.size() && end_of_word_suffix) s += *end_of_word_suffix;
      auto it = token_ids_.find(s);
      if (it != token_ids_.end()) found = it->second;
    }
    if (found != kNoId) {
      if (has_unk) {
        add_sym(syms, unk_id, unk_len);
        has_unk = false;
      }
      add_sym(syms, found, byte_len);
      continue;
    }
    if (byte_fallback) {
      const std::string bytes = u32_to_utf8(s);
      std::vector<uint32_t> ids;
      for (const unsigned char b : bytes) {
        char code[8];
        std::snprintf(code, sizeof(code), "<0x%02X>", b);
        auto bt = token_ids_.find(utf8_to_u32(code));
        if (bt == token_ids_.end()) break;
        ids.push_back(bt->second);
      }
      if (ids.size() == bytes.size()) {
        for (const uint32_t id : ids) add_sym(syms, id, 1);
        continue;
      }
    }
    if (unk_token) {
      auto ut = token_ids_.find(*unk_token);
      if (ut == token_ids_.end())
        throw TokenError("unk_token " + u32_to_utf8(*unk_token) + " is not in the vocabulary");
      if (has_unk && fuse_unk) {
        unk_len += byte_len;
      } else {
        if (has_unk) add_sym(syms, unk_id, unk_len);
        has_unk = true;
        unk_id = ut->second;
        unk_len = byte_len;
      }
    }
  }
  if (has_unk) add_sym(syms, unk_id, unk_len);

  // Merges the candidate (rank, pos, new id) if still valid; reports the pairs it creates.
  // `verified`: the caller already checked that the pair at pos is the candidate's pair.
  auto apply = [&](const Cand& top, auto&& push, bool verified) {
    Sym& cur = syms[top.pos];
    if (!verified && (cur.len == 0 || cur.next == -1)) return;
    const auto next_pos = static_cast<std::size_t>(cur.next);
    const Sym right = syms[next_pos];
    if (!verified) {
      const uint64_t m = tables_->find(cur.c, right.c);
      if (m == detail::BpeTables::kNone || static_cast<uint32_t>(m) != top.new_id) return;
    }
    cur.c = top.new_id;
    cur.len += right.len;
    cur.next = right.next;
    syms[next_pos].len = 0;
    if (right.next > -1 && static_cast<std::size_t>(right.next) < syms.size())
      syms[static_cast<std::size_t>(right.next)].prev = static_cast<int32_t>(top.pos);
    // Both neighbours' lookups are started before either is read.
    const bool has_prev = cur.prev >= 0, has_next = cur.next >= 0;
    const uint32_t pc = has_prev ? syms[static_cast<std::size_t>(cur.prev)].c : 0;
    const uint32_t nc = has_next ? syms[static_cast<std::size_t>(cur.next)].c : 0;
    if (has_prev) tables_->prefetch(pc, cur.c);
    if (has_next) tables_->prefetch(cur.c, nc);
    if (has_prev) {
      if (const uint64_t pm = tables_->find(pc, cur.c); pm != detail::BpeTables::kNone)
        push(Cand{static_cast<uint32_t>(pm >> 32), static_cast<uint32_t>(cur.prev),
                  static_cast<uint32_t>(pm)});
    }
    if (has_next) {
      if (const uint64_t nm = tables_->find(cur.c, nc); nm != detail::BpeTables::kNone)
        push(Cand{static_cast<uint32_t>(nm >> 32), top.pos, static_cast<uint32_t>(nm)});
    }
  };

  if (tables_->monotone && syms.size() > kBucketWordLength) {
    // Every pair a merge creates has a higher rank than the merge itself (checked when the model
    // was built), so the (rank, pos) order of HF's heap is: ranks ascending, positions ascending
    // within a rank. Buckets per rank replace the O(log n) heap for long words.
    // Each rank's positions are a list threaded through one pool (a head per rank: 4 bytes per
    // merge instead of a vector each), gathered and sorted when the rank comes up. The ranks
    // with positions are bits of a bitmap read in order: a rank only adds higher ones, so the
    // next one is always ahead of the scan (no heap).
    thread_local std::vector<uint32_t> tls_heads;
    thread_local std::vector<std::pair<uint32_t, uint32_t>> tls_pool;  // (pos, next entry)
    thread_local std::vector<uint64_t>
        tls_ranks;  // bit r: rank r has positions; all 0 between words
    thread_local std::vector<uint32_t> tls_positions;
    constexpr uint32_t kNil = 0xffffffffU;
    auto& heads = tls_heads;
    auto& pool = tls_pool;
    auto& ranks = tls_ranks;
    auto& positions = tls_positions;
    if (heads.size() < merges_.size()) heads.resize(merges_.size(), kNil);
    const std::size_t rank_words = (merges_.size() + 63) / 64;
    if (ranks.size() < rank_words) ranks.resize(rank_words, 0);
    pool.clear();
    auto push = [&](const Cand& c) {
      uint32_t& head = heads[c.rank];
      if (head == kNil) ranks[c.rank >> 6] |= uint64_t{1} << (c.rank & 63);
      pool.emplace_back(c.pos, head);
      head = static_cast<uint32_t>(pool.size() - 1);
    };
    constexpr std::size_t kAhead = 16;
    for (std::size_t i = 0; i + 1 < syms.size(); ++i) {
      if (i + 1 + kAhead < syms.size())
        tables_->prefetch(syms[i + kAhead].c, syms[i + 1 + kAhead].c);
      if (const uint64_t m = tables_->find(syms[i].c, syms[i + 1].c); m != detail::BpeTables::kNone)
        push(Cand{static_cast<uint32_t>(m >> 32), static_cast<uint32_t>(i),
                  static_cast<uint32_t>(m)});
    }
    for (std::size_t w = 0;;) {
      while (w < rank_words && ranks[w] == 0) ++w;
      if (w == rank_words) break;
      const auto rank = static_cast<uint32_t>(w * 64 + std::countr_zero(ranks[w]));
      ranks[w] &= ranks[w] - 1;
      positions.clear();
      for (uint32_t e = heads[rank]; e != kNil; e = pool[e].second)
        positions.push_back(pool[e].first);
      heads[rank] = kNil;
      // Gathered newest first: positions pushed left to right come out descending.
      if (std::is_sorted(positions.rbegin(), positions.rend())) {
        std::reverse(positions.begin(), positions.end());
      } else {
        std::sort(positions.begin(), positions.end());
      }
      const uint32_t new_id = tables_->rank_new_id[rank];
      const auto [ca, cb] = merges_[rank];
      for (const uint32_t pos : positions) {
        // Valid when the pair at pos is still this merge's pair (cheaper than HF's re-lookup,
        // and equivalent for monotone merges).
        const Sym& cur = syms[pos];
        if (cur.len == 0 || cur.next == -1 || cur.c != ca ||
            syms[static_cast<std::size_t>(cur.next)].c != cb)
          continue;
        apply(Cand{rank, pos, new_id}, push, true);
      }
    }
  } else {
    thread_local std::vector<Cand> tls_heap;
    tls_heap.clear();
    CandQueue queue{tls_heap};
    auto push = [&](const Cand& c) { queue.push(c); };
    for (std::size_t i = 0; i + 1 < syms.size(); ++i)
      if (const uint64_t m = tables_->find(syms[i].c, syms[i + 1].c); m != detail::BpeTables::kNone)
        push(Cand{static_cast<uint32_t>(m >> 32), static_cast<uint32_t>(i),
                  static_cast<uint32_t>(m)});
    while (!queue.empty()) {
      const Cand top = queue.top();
      queue.pop();
      apply(top, push, false);
    }
  }
  for (const Sym& sym : syms)
    if (sym.len != 0) out.push_back(sym.c);
}

}  // namespace miditok
