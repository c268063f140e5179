// Seed pieces of the Unigram trainer. The distinct words are joined with '\0' separators; a suffix
// array sorted on the first max_piece_length + 1 characters (prefix doubling, radix passes) and its
// capped LCP array give the LCP intervals, i.e. the internal nodes of the suffix tree: each is a
// substring occurring at least twice that is followed by two different characters. Those without
// a separator and 2..max_piece_length characters long are the seeds, as in HF's esaxx scan.
#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "miditok/models/unigram_trainer.h"

namespace miditok {
namespace {

/// Sorts the suffixes of `text` on their first `depth` characters (ties in any order).
std::vector<uint32_t> truncated_suffix_array(const std::vector<uint32_t>& text, std::size_t depth) {
  const std::size_t n = text.size();
  std::vector<uint32_t> sa(n), rank(n), tmp(n), key2(n);
  if (n == 0) return sa;
  // Dense ranks of the characters (1-based; 0 stands for "past the end").
  std::vector<uint32_t> alphabet(text);
  std::sort(alphabet.begin(), alphabet.end());
  alphabet.erase(std::unique(alphabet.begin(), alphabet.end()), alphabet.end());
  for (std::size_t i = 0; i < n; ++i)
    rank[i] = static_cast<uint32_t>(std::lower_bound(alphabet.begin(), alphabet.end(), text[i]) -
                                    alphabet.begin()) +
              1;
  std::iota(sa.begin(), sa.end(), 0U);
  std::sort(sa.begin(), sa.end(), [&](uint32_t a, uint32_t b) { return rank[a] < rank[b]; });
  std::size_t classes = alphabet.size();
  std::vector<uint32_t> count;
  for (std::size_t h = 1; h < depth && classes < n; h *= 2) {
    // Radix sort by (rank[i], rank[i + h]): the second key first, then a stable pass on the first.
    auto second = [&](uint32_t i) { return i + h < n ? rank[i + h] : 0U; };
    count.assign(classes + 2, 0);
    for (std::size_t i = 0; i < n; ++i) ++count[second(static_cast<uint32_t>(i)) + 1];
    for (std::size_t c = 1; c < count.size(); ++c) count[c] += count[c - 1];
    for (std::size_t i = 0; i < n; ++i) key2[count[second(static_cast<uint32_t>(i))]++] = i;
    count.assign(classes + 2, 0);
    for (std::size_t i = 0; i < n; ++i) ++count[rank[i] + 1];
    for (std::size_t c = 1; c < count.size(); ++c) count[c] += count[c - 1];
    for (std::size_t k = 0; k < n; ++k) sa[count[rank[key2[k]]]++] = key2[k];
    tmp[sa[0]] = 1;
    for (std::size_t k = 1; k < n; ++k) {
      const bool same = rank[sa[k]] == rank[sa[k - 1]] && second(sa[k]) == second(sa[k - 1]);
      tmp[sa[k]] = tmp[sa[k - 1]] + (same ? 0 : 1);
    }
    rank.swap(tmp);
    classes = rank[sa[n - 1]];
  }
  return sa;
}

struct Substring {
  uint64_t score;
  uint32_t start;
  uint32_t length;
};

}  // namespace

std::vector<UnigramPiece> unigram_seed_pieces(const WordCounts& words,
                                              const UnigramTrainerConfig& cfg) {
  std::vector<uint32_t> text;
  std::map<char32_t, uint64_t> char_counts;
  for (std::size_t w = 0; w < words.words.size(); ++w) {
    const auto& word = words.words[w];
    if (word.empty()) continue;
    for (const char32_t c : word) {
      text.push_back(static_cast<uint32_t>(c));
      if (c != U'\0') char_counts[c] += words.counts[w];
    }
    text.push_back(0);
  }
  const std::size_t n = text.size();
  const std::size_t depth = cfg.max_piece_length + 1;
  const auto sa = truncated_suffix_array(text, depth);
  // Characters until the next separator, to reject substrings that cross one.
  std::vector<uint32_t> to_separator(n + 1, 0);
  for (std::size_t i = n; i-- > 0;) to_separator[i] = text[i] == 0 ? 0 : to_separator[i + 1] + 1;
  // lcp[k]: common prefix of suffixes sa[k - 1] and sa[k], capped at `depth`.
  std::vector<uint32_t> lcp(n + 1, 0);
  for (std::size_t k = 1; k < n; ++k) {
    const uint32_t a = sa[k - 1], b = sa[k];
    std::size_t h = 0;
    while (h < depth && a + h < n && b + h < n && text[a + h] == text[b + h]) ++h;
    lcp[k] = static_cast<uint32_t>(h);
  }
  // Bottom-up traversal of the LCP intervals.
  std::vector<Substring> subs;
  struct Open {
    uint32_t lcp;
    uint32_t lb;
  };
  std::vector<Open> stack{{0, 0}};
  auto report = [&](const Open& o, std::size_t rb) {
    const std::size_t freq = rb - o.lb + 1;
    if (freq < 2 || o.lcp < 2 || o.lcp > cfg.max_piece_length) return;
    const uint32_t start = sa[o.lb];
    if (to_separator[start] < o.lcp) return;
    subs.push_back({static_cast<uint64_t>(freq) * o.lcp, start, o.lcp});
  };
  for (std::size_t k = 1; k <= n; ++k) {
    const uint32_t cur = k < n ? lcp[k] : 0;
    uint32_t lb = static_cast<uint32_t>(k - 1);
    while (cur < stack.back().lcp) {
      const Open top = stack.back();
      stack.pop_back();
      report(top, k - 1);
      lb = top.lb;
    }
    if (cur > stack.back().lcp) stack.push_back({cur, lb});
  }
  // Characters by decreasing count (then decreasing code point), then substrings by decreasing
  // score (then decreasing string), as HF sorts its (score, string) tuples in reverse.
  std::vector<std::pair<uint64_t, char32_t>> chars;
  for (const auto& [c, count] : char_counts) chars.emplace_back(count, c);
  std::sort(chars.begin(), chars.end(), std::greater<>());
  std::sort(subs.begin(), subs.end(), [&](const Substring& a, const Substring& b) {
    if (a.score != b.score) return a.score > b.score;
    return std::lexicographical_compare(text.begin() + b.start, text.begin() + b.start + b.length,
                                        text.begin() + a.start, text.begin() + a.start + a.length);
  });
  std::vector<UnigramPiece> seeds;
  for (const auto& [count, c] : chars)
    seeds.emplace_back(std::u32string(1, c), static_cast<double>(count));
  for (const auto& s : subs) {
    std::u32string piece(s.length, U'\0');
    for (uint32_t i = 0; i < s.length; ++i) piece[i] = static_cast<char32_t>(text[s.start + i]);
    seeds.emplace_back(std::move(piece), static_cast<double>(s.score));
    if (seeds.size() >= cfg.seed_size) break;
  }
  double sum = 0.0;
  for (const auto& p : seeds) sum += p.second;
  const double logsum = std::log(sum);
  for (auto& p : seeds) p.second = std::log(p.second) - logsum;
  return seeds;
}

}  // namespace miditok
