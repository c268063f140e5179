// The merge loop of HF's BPE model: the lowest-ranked pair first, ties to the leftmost, over a
// linked list of symbols. Short words use HF's heap of (rank, position) with lazy invalidation;
// long ones with monotone merges use buckets per rank (the same order, without the heap), and
// the longest are merged in parts that no merge joins (merge_long_word).
#include "bpe_merge.h"

#include <algorithm>
#include <bit>
#include <random>

namespace miditok::detail {

namespace {
constexpr std::size_t kBucketLength = 256;  // from this many symbols, buckets per rank
// Long words are merged in parts of at least this many symbols (BpeTables::may_cut).
constexpr std::size_t kPartLength = 2048;
constexpr uint32_t kNil = 0xffffffffU;
constexpr uint32_t kOne = 0x80000000U;  // a rank's head that is its one candidate's position

// Min-heap order on (rank, pos) through the std heap functions (a max-heap of this order).
bool later(const Cand& x, const Cand& y) {
  return x.rank != y.rank ? x.rank > y.rank : x.pos > y.pos;
}

// Merges the pair at `pos` into `new_id`, then reports the pairs it makes with its neighbours
// through push(Cand) (both lookups started before either is read).
template <typename Push>
[[gnu::always_inline]] inline void apply(const BpeTables& t, Sym* syms, uint32_t pos,
                                         uint32_t new_id, Push&& push) {
  Sym& cur = syms[pos];
  const auto next_pos = static_cast<std::size_t>(cur.next);
  const Sym right = syms[next_pos];
  cur.c = new_id;
  cur.next = right.next;
  syms[next_pos].c = Sym::kDead;
  if (right.next >= 0) syms[static_cast<std::size_t>(right.next)].prev = static_cast<int32_t>(pos);
  const bool has_prev = cur.prev >= 0, has_next = cur.next >= 0;
  const uint32_t pc = has_prev ? syms[static_cast<std::size_t>(cur.prev)].c : 0;
  const uint32_t nc = has_next ? syms[static_cast<std::size_t>(cur.next)].c : 0;
  if (has_prev) t.prefetch(pc, new_id);
  if (has_next) t.prefetch(new_id, nc);
  if (has_prev) {
    if (const uint64_t m = t.find(pc, new_id); m != BpeTables::kNone)
      push(Cand{static_cast<uint32_t>(m >> 32), static_cast<uint32_t>(cur.prev),
                static_cast<uint32_t>(m)});
  }
  if (has_next) {
    if (const uint64_t m = t.find(new_id, nc); m != BpeTables::kNone)
      push(Cand{static_cast<uint32_t>(m >> 32), pos, static_cast<uint32_t>(m)});
  }
}

// The calling thread's generator for BPE-dropout (seeded once per thread from the system).
std::minstd_rand& dropout_rng() {
  thread_local std::minstd_rand rng{std::random_device{}()};
  return rng;
}

// HF's loop: a heap of candidates, each checked when popped (the pair at its position must
// still merge into its new id). With dropout, a popped candidate is first skipped with that
// probability; the skipped ones return to the heap when the next one is taken.
void merge_heap(const BpeTables& t, std::vector<Sym>& symv, MergeScratch& s, float dropout) {
  Sym* syms = symv.data();
  std::vector<Cand>& heap = s.heap;
  heap.clear();
  auto push = [&](const Cand& c) {
    heap.push_back(c);
    std::push_heap(heap.begin(), heap.end(), later);
  };
  for (std::size_t i = 0; i + 1 < symv.size(); ++i)
    if (const uint64_t m = t.find(syms[i].c, syms[i + 1].c); m != BpeTables::kNone)
      heap.push_back(
          Cand{static_cast<uint32_t>(m >> 32), static_cast<uint32_t>(i), static_cast<uint32_t>(m)});
  std::make_heap(heap.begin(), heap.end(), later);
  while (!heap.empty()) {
    std::pop_heap(heap.begin(), heap.end(), later);
    const Cand top = heap.back();
    heap.pop_back();
    if (dropout > 0.0F) {
      if (std::uniform_real_distribution<float>(0.0F, 1.0F)(dropout_rng()) < dropout) {
        s.skipped.push_back(top);
        continue;
      }
      for (const Cand& c : s.skipped) push(c);
      s.skipped.clear();
    }
    const Sym& cur = syms[top.pos];
    if (cur.c == Sym::kDead || cur.next < 0) continue;
    const uint64_t m = t.find(cur.c, syms[static_cast<std::size_t>(cur.next)].c);
    if (m == BpeTables::kNone || static_cast<uint32_t>(m) != top.new_id) continue;
    apply(t, syms, top.pos, top.new_id, push);
  }
}

// Monotone merges: every pair a merge creates has a higher rank than the merge itself (checked
// when the model was built), so HF's (rank, pos) order is ranks ascending, positions ascending
// within a rank. Each rank's positions are a list threaded through one pool (a head per rank),
// gathered and sorted when the rank comes up; the ranks with positions are bits of a bitmap read
// in order (a rank only adds higher ones, so the next one is always ahead of the scan).
void merge_buckets(const BpeTables& t, std::span<const std::pair<uint32_t, uint32_t>> merges,
                   std::vector<Sym>& symv, MergeScratch& s) {
  Sym* syms = symv.data();
  if (merges.empty()) return;
  auto& heads = s.heads;
  auto& ranks = s.ranks;
  auto& positions = s.positions;
  if (heads.size() < merges.size()) heads.resize(merges.size(), kNil);
  // The ranks with positions, and a summary of their nonzero words.
  const std::size_t rank_words = (merges.size() + 63) / 64;
  const std::size_t summary_words = (rank_words + 63) / 64;
  if (ranks.size() < rank_words + summary_words) ranks.resize(rank_words + summary_words, 0);
  uint64_t* summary = ranks.data() + rank_words;
  // Each symbol starts at most one candidate and each merge two more.
  const std::size_t n = symv.size();
  if (s.pool.size() < 3 * n) s.pool.resize(3 * n);
  std::pair<uint32_t, uint32_t>* pool = s.pool.data();
  uint32_t pooled = 0;
  // A rank's head: kNil, kOne | the position of its only candidate, or its newest pool entry.
  auto push = [&](const Cand& c) {
    uint32_t& head = heads[c.rank];
    if (head == kNil) {
      const uint32_t w = c.rank >> 6;
      ranks[w] |= uint64_t{1} << (c.rank & 63);
      summary[w >> 6] |= uint64_t{1} << (w & 63);
      head = kOne | c.pos;
      return;
    }
    if ((head & kOne) != 0) {
      pool[pooled] = {head & ~kOne, kNil};
      head = pooled++;
    }
    pool[pooled] = {c.pos, head};
    head = pooled++;
  };
  constexpr std::size_t kAhead = 16;
  for (std::size_t i = 0; i + 1 < n; ++i) {
    if (i + 1 + kAhead < n) t.prefetch(syms[i + kAhead].c, syms[i + 1 + kAhead].c);
    if (const uint64_t m = t.find(syms[i].c, syms[i + 1].c); m != BpeTables::kNone)
      push(
          Cand{static_cast<uint32_t>(m >> 32), static_cast<uint32_t>(i), static_cast<uint32_t>(m)});
  }
  for (std::size_t w = 0;;) {
    if (ranks[w] == 0) {  // the next nonzero word, from the summary
      std::size_t sw = w >> 6;
      uint64_t bits = summary[sw] & (~uint64_t{0} << (w & 63));
      while (bits == 0 && ++sw < summary_words) bits = summary[sw];
      if (bits == 0) break;
      w = sw * 64 + static_cast<std::size_t>(std::countr_zero(bits));
    }
    const auto rank = static_cast<uint32_t>(w * 64 + std::countr_zero(ranks[w]));
    ranks[w] &= ranks[w] - 1;
    if (ranks[w] == 0) summary[w >> 6] &= ~(uint64_t{1} << (w & 63));
    const uint32_t first = heads[rank];
    heads[rank] = kNil;
    const BpeTables::RankMerge rm = t.by_rank[rank];
    // Valid when the pair at pos is still this merge's pair (cheaper than HF's re-lookup, and
    // equivalent for monotone merges).
    const auto merge_at = [&](uint32_t pos) {
      const Sym& cur = syms[pos];
      if (cur.next < 0 || cur.c != rm.a || syms[static_cast<std::size_t>(cur.next)].c != rm.b)
        return;
      apply(t, syms, pos, rm.new_id, push);
    };
    if ((first & kOne) != 0) {  // most ranks come up at one position
      merge_at(first & ~kOne);
      continue;
    }
    positions.clear();
    for (uint32_t e = first; e != kNil; e = pool[e].second) positions.push_back(pool[e].first);
    // Gathered newest first: positions pushed left to right come out descending.
    if (std::is_sorted(positions.rbegin(), positions.rend())) {
      std::reverse(positions.begin(), positions.end());
    } else {
      std::sort(positions.begin(), positions.end());
    }
    for (const uint32_t pos : positions) merge_at(pos);
  }
}
}  // namespace

MergeScratch& merge_scratch() {
  thread_local MergeScratch scratch;
  return scratch;
}

namespace {
// Merges ids (at least 2) as one word and appends the ids left to `out`.
void merge_part(const BpeTables& tables, std::span<const std::pair<uint32_t, uint32_t>> merges,
                std::span<const uint32_t> ids, MergeScratch& scratch, std::vector<uint32_t>& out,
                float dropout) {
  const std::size_t n = ids.size();  // at least 2
  std::vector<Sym>& syms = scratch.syms;
  syms.resize(n);
  for (std::size_t i = 0; i < n; ++i)
    syms[i] = Sym{ids[i], static_cast<int32_t>(i) - 1, static_cast<int32_t>(i + 1)};
  syms[n - 1].next = -1;
  if (dropout <= 0.0F && tables.monotone && n > kBucketLength && n < kOne / 4) {
    merge_buckets(tables, merges, syms, scratch);
  } else {
    scratch.skipped.clear();
    merge_heap(tables, syms, scratch, dropout);
  }
  // The live symbols, written without a branch over room for all of them.
  const std::size_t mark = out.size();
  out.resize(mark + n);
  uint32_t* to = out.data() + mark;
  for (const Sym& sym : syms) {
    *to = sym.c;
    to += sym.c != Sym::kDead ? 1 : 0;
  }
  out.resize(static_cast<std::size_t>(to - out.data()));
}
}  // namespace

void merge_symbols(const BpeTables& tables, std::span<const std::pair<uint32_t, uint32_t>> merges,
                   std::span<const uint32_t> ids, MergeScratch& scratch, std::vector<uint32_t>& out,
                   float dropout) {
  if (ids.size() < 2) {
    out.insert(out.end(), ids.begin(), ids.end());
    return;
  }
  merge_part(tables, merges, ids, scratch, out, dropout);
}

bool merge_long_word(const BpeTables& tables, std::span<const std::pair<uint32_t, uint32_t>> merges,
                     std::u32string_view word, MergeScratch& scratch, std::vector<uint32_t>& out) {
  const std::size_t n = word.size();
  if (n <= kPartLength || tables.cut_ids == 0 || !tables.monotone) return false;
  const std::size_t mark = out.size();
  const uint32_t* char_ids = tables.char_ids.data();
  const std::size_t table = tables.char_ids.size();
  std::vector<uint32_t>& ids = scratch.ids;
  // Each part's first symbols are made as it comes, so that the word's are never all in memory
  // at once: a long word's stream of them would push the merge table out of the cache.
  for (std::size_t start = 0, i = 0; start < n; start = i) {
    ids.clear();
    for (; i < n; ++i) {
      const char32_t ch = word[i];
      const uint32_t id = ch < table ? char_ids[ch] : BpeTables::kNoId;
      if (id == BpeTables::kNoId) {
        out.resize(mark);
        return false;
      }
      if (i - start >= kPartLength && tables.may_cut(ids.back(), id)) break;
      ids.push_back(id);
    }
    merge_symbols(tables, merges, ids, scratch, out, 0.0F);
  }
  return true;
}

}  // namespace miditok::detail
