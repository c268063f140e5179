// The EM loop of the Unigram trainer (HF tokenizers' UnigramTrainer): lattices over code points
// with HF's node order (by start, shorter piece first, unk last), forward-backward expectations
// summed over fixed sentence chunks on the thread pool, digamma M-step, pruning by the estimated
// likelihood loss of replacing each piece with its second-best segmentation, and HF's final vocab
// (special tokens first, required characters kept, pieces sorted by score).
#include "miditok/models/unigram_trainer.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "flat_map.h"
#include "miditok/core/error.h"
#include "miditok/core/thread_pool.h"

namespace miditok {
namespace {

constexpr double kUnkPenalty = 10.0;
constexpr uint32_t kUnkId = 0;       // the training vocab keeps "<UNK>" at id 0
constexpr std::size_t kChunks = 16;  // fixed, so that sums do not depend on the thread count

double digamma(double x) {
  double result = 0.0;
  while (x < 7.0) {
    result -= 1.0 / x;
    x += 1.0;
  }
  x -= 0.5;
  const double xx = 1.0 / x;
  const double xx2 = xx * xx;
  const double xx4 = xx2 * xx2;
  result += std::log(x) + (1.0 / 24.0) * xx2 - 7.0 / 960.0 * xx4 + (31.0 / 8064.0) * xx4 * xx2 -
            (127.0 / 30720.0) * xx4 * xx4;
  return result;
}

// log(exp(x) + exp(y)); y alone in init mode.
double log_sum_exp(double x, double y, bool init) {
  if (init) return y;
  const double vmin = x > y ? y : x;
  const double vmax = x > y ? x : y;
  if (vmax > vmin + 50.0) return vmax;
  return vmax + std::log(std::exp(vmin - vmax) + 1.0);
}

// The pieces of a training vocabulary in a trie over code points.
class PieceIndex {
 public:
  explicit PieceIndex(const std::vector<UnigramPiece>& pieces) : pieces_(&pieces) {
    node_piece_.push_back(-1);
    for (std::size_t id = 0; id < pieces.size(); ++id) {
      uint32_t node = 0;
      for (const char32_t c : pieces[id].first) {
        int32_t& child = children_[detail::pair_key(node, static_cast<uint32_t>(c))];
        if (child == 0) {
          child = static_cast<int32_t>(node_piece_.size());
          node_piece_.push_back(-1);
        }
        node = static_cast<uint32_t>(child);
      }
      node_piece_[node] = static_cast<int32_t>(id);
      if (pieces[id].second < min_score_) min_score_ = pieces[id].second;  // NaN never counts
    }
  }
  [[nodiscard]] double score(uint32_t id) const { return (*pieces_)[id].second; }
  [[nodiscard]] double min_score() const { return min_score_; }

  /// Calls fn(length, id) for each piece that starts `s`, shortest first.
  template <typename Fn>
  void prefixes(std::u32string_view s, Fn&& fn) const {
    uint32_t node = 0;
    for (std::size_t k = 0; k < s.size(); ++k) {
      const int32_t* child = children_.find(detail::pair_key(node, static_cast<uint32_t>(s[k])));
      if (child == nullptr) return;
      node = static_cast<uint32_t>(*child);
      if (node_piece_[node] >= 0) fn(k + 1, static_cast<uint32_t>(node_piece_[node]));
    }
  }

 private:
  const std::vector<UnigramPiece>* pieces_;
  detail::FlatMap<int32_t> children_;
  std::vector<int32_t> node_piece_;
  double min_score_ = std::numeric_limits<double>::infinity();
};

// The nodes of one sentence, grouped by start position (HF's begin_nodes order).
struct Lattice {
  std::vector<uint32_t> first;  // first node of each start position; size n + 1
  std::vector<uint32_t> length, id;
  std::vector<double> score;

  void build(std::u32string_view s, const PieceIndex& index) {
    first.assign(s.size() + 1, 0);
    length.clear();
    id.clear();
    score.clear();
    const double unk_score = index.min_score() - kUnkPenalty;
    for (std::size_t pos = 0; pos < s.size(); ++pos) {
      first[pos] = static_cast<uint32_t>(length.size());
      bool single = false;
      index.prefixes(s.substr(pos), [&](std::size_t len, uint32_t pid) {
        length.push_back(static_cast<uint32_t>(len));
        id.push_back(pid);
        score.push_back(index.score(pid));
        single = single || len == 1;
      });
      if (!single) {
        length.push_back(1);
        id.push_back(kUnkId);
        score.push_back(unk_score);
      }
    }
    first[s.size()] = static_cast<uint32_t>(length.size());
  }
  [[nodiscard]] std::size_t size() const { return first.size() - 1; }

  // Best path as node indexes; ties keep the node that starts first; node `skip` is left out.
  [[nodiscard]] std::vector<uint32_t> viterbi(uint32_t skip = UINT32_MAX) const {
    const std::size_t n = size();
    std::vector<double> best(n + 1, 0.0);
    std::vector<uint32_t> prev(n + 1, UINT32_MAX);
    for (std::size_t pos = 0; pos < n; ++pos) {
      if (pos > 0 && prev[pos] == UINT32_MAX) continue;  // unreachable (only with `skip`)
      for (uint32_t k = first[pos]; k < first[pos + 1]; ++k) {
        if (k == skip) continue;
        const std::size_t end = pos + length[k];
        const double cand = best[pos] + score[k];
        if (prev[end] == UINT32_MAX || cand > best[end]) {
          best[end] = cand;
          prev[end] = k;
        }
      }
    }
    std::vector<uint32_t> path;
    for (std::size_t end = n; end > 0;) {
      const uint32_t k = prev[end];
      if (k == UINT32_MAX) return {};
      path.push_back(k);
      end -= length[k];
    }
    std::reverse(path.begin(), path.end());
    return path;
  }

  // Adds freq x the marginal of each node to expected[id]; returns freq x log Z.
  double populate_marginal(double freq, std::vector<double>& expected) const {
    const std::size_t n = size();
    std::vector<double> alpha(n + 1, 0.0), beta(n + 1, 0.0);
    std::vector<char> seen(n + 1, 0);
    for (std::size_t pos = 0; pos < n; ++pos) {
      for (uint32_t k = first[pos]; k < first[pos + 1]; ++k) {
        const std::size_t end = pos + length[k];
        alpha[end] = log_sum_exp(alpha[end], score[k] + alpha[pos], seen[end] == 0);
        seen[end] = 1;
      }
    }
    for (std::size_t pos = n; pos-- > 0;) {
      for (uint32_t k = first[pos]; k < first[pos + 1]; ++k)
        beta[pos] = log_sum_exp(beta[pos], score[k] + beta[pos + length[k]], k == first[pos]);
    }
    const double z = alpha[n];
    for (std::size_t pos = 0; pos < n; ++pos) {
      for (uint32_t k = first[pos]; k < first[pos + 1]; ++k) {
        const double total = alpha[pos] + score[k] + beta[pos + length[k]] - z;
        expected[id[k]] += freq * std::exp(total);
      }
    }
    return freq * z;
  }
};

// Splits [0, n) into at most kChunks ranges and runs fn(chunk, begin, end) on the pool.
template <typename Fn>
void for_chunks(std::size_t n, Fn&& fn) {
  const std::size_t chunks = std::min(kChunks, std::max<std::size_t>(n, 1));
  parallel_for(chunks, [&](std::size_t c) { fn(c, n * c / chunks, n * (c + 1) / chunks); });
}

std::vector<double> run_e_step(const std::vector<UnigramPiece>& pieces, const WordCounts& words) {
  const PieceIndex index(pieces);
  const std::size_t n = words.words.size();
  const std::size_t chunks = std::min(kChunks, std::max<std::size_t>(n, 1));
  std::vector<std::vector<double>> partial(chunks);
  for_chunks(n, [&](std::size_t c, std::size_t begin, std::size_t end) {
    auto& expected = partial[c];
    expected.assign(pieces.size(), 0.0);
    Lattice lattice;
    for (std::size_t i = begin; i < end; ++i) {
      lattice.build(words.words[i], index);
      const double z = lattice.populate_marginal(static_cast<double>(words.counts[i]), expected);
      if (std::isnan(z))
        throw ConfigError("Unigram training: the likelihood of a word is NaN (word of " +
                          std::to_string(words.words[i].size()) + " characters)");
    }
  });
  std::vector<double> expected(pieces.size(), 0.0);
  for (const auto& p : partial)
    for (std::size_t i = 0; i < expected.size(); ++i) expected[i] += p[i];
  return expected;
}

std::vector<UnigramPiece> run_m_step(const std::vector<UnigramPiece>& pieces,
                                     const std::vector<double>& expected) {
  std::vector<UnigramPiece> out;
  out.reserve(pieces.size());
  double sum = 0.0;
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    if (i == kUnkId) {
      out.emplace_back(pieces[i].first, std::numeric_limits<double>::quiet_NaN());
      continue;
    }
    if (expected[i] < 0.5) continue;
    out.emplace_back(pieces[i].first, expected[i]);
    sum += expected[i];
  }
  const double logsum = digamma(sum);
  for (auto& p : out) p.second = digamma(p.second) - logsum;
  return out;
}

std::vector<UnigramPiece> prune_pieces(const std::vector<UnigramPiece>& pieces,
                                       const WordCounts& words, const UnigramTrainerConfig& cfg) {
  const PieceIndex index(pieces);
  const std::size_t np = pieces.size();
  // How each piece would be re-segmented without it: its second-best segmentation.
  std::vector<char> always_keep(np, 1);
  std::vector<std::vector<uint32_t>> alternatives(np);
  always_keep[kUnkId] = 0;
  for_chunks(np, [&](std::size_t, std::size_t begin, std::size_t end) {
    Lattice lattice;
    for (std::size_t i = std::max<std::size_t>(begin, 1); i < end; ++i) {
      const std::u32string& piece = pieces[i].first;
      lattice.build(piece, index);
      if (lattice.length.size() == 1) continue;  // a single path: keep
      const auto best = lattice.viterbi();
      if (best.size() >= 2) {
        always_keep[i] = 0;
        continue;
      }
      for (const uint32_t k : lattice.viterbi(best[0])) alternatives[i].push_back(lattice.id[k]);
    }
  });
  // Viterbi frequencies of the pieces over the corpus.
  const std::size_t nw = words.words.size();
  const std::size_t chunks = std::min(kChunks, std::max<std::size_t>(nw, 1));
  std::vector<std::vector<double>> partial(chunks);
  for_chunks(nw, [&](std::size_t c, std::size_t begin, std::size_t end) {
    partial[c].assign(np, 0.0);
    Lattice lattice;
    for (std::size_t i = begin; i < end; ++i) {
      lattice.build(words.words[i], index);
      for (const uint32_t k : lattice.viterbi())
        partial[c][lattice.id[k]] += static_cast<double>(words.counts[i]);
    }
  });
  std::vector<double> freq(np, 0.0);
  for (const auto& p : partial)
    for (std::size_t i = 0; i < np; ++i) freq[i] += p[i];
  double vsum = 0.0;
  for (const uint64_t c : words.counts) vsum += static_cast<double>(c);
  double sum = 0.0;
  for (const double f : freq) sum += f;
  const double logsum = std::log(sum);
  std::vector<std::pair<std::size_t, double>> candidates;
  std::vector<UnigramPiece> out;
  out.push_back(pieces[kUnkId]);
  for (std::size_t i = 1; i < np; ++i) {
    if (freq[i] == 0.0 && always_keep[i] == 0) continue;  // never on a best path
    if (alternatives[i].empty()) {
      out.push_back(pieces[i]);
      continue;
    }
    // The piece's frequency counted over its sentences equals its Viterbi frequency.
    double f = freq[i];
    if (f == 0.0 || std::isnan(f)) continue;
    f /= vsum;
    const double logprob_sp = std::log(freq[i]) - logsum;
    // HF multiplies by (number of pieces - 1), not by (number of alternatives - 1).
    const double logsum_alt = std::log(sum + freq[i] * static_cast<double>(np - 1));
    double logprob_alt = 0.0;
    for (const uint32_t a : alternatives[i])
      logprob_alt += std::log(freq[a] + freq[i]) - logsum_alt;
    candidates.emplace_back(i, f * (logprob_sp - logprob_alt));
  }
  const std::size_t desired = cfg.vocab_size * 11 / 10;
  const auto shrunk = static_cast<std::size_t>(static_cast<double>(np) * cfg.shrinking_factor);
  const std::size_t pruned_size = std::max(desired, shrunk);
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  for (const auto& [i, loss] : candidates) {
    if (out.size() == pruned_size) break;
    out.push_back(pieces[i]);
  }
  return out;
}

UnigramModel finalize(const std::vector<UnigramPiece>& model, const std::set<char32_t>& required,
                      const UnigramTrainerConfig& cfg) {
  const PieceIndex index(model);
  double min_score = index.min_score();
  if (!std::isfinite(min_score)) min_score = 0.0;  // no scored piece (empty corpus)
  std::vector<UnigramPiece> pieces;
  std::set<std::u32string> inserted{U"<UNK>"};
  double penalty = 0.0;
  std::u32string key;
  for (const char32_t c : required) {  // HF walks a hash set here (order not reproducible)
    key.assign(1, c);
    const double* found = nullptr;
    index.prefixes(key, [&](std::size_t, uint32_t pid) { found = &model[pid].second; });
    inserted.insert(key);
    if (found != nullptr) {
      pieces.emplace_back(key, *found);
    } else {
      pieces.emplace_back(key, min_score + penalty);
      penalty += 0.0001;
    }
  }
  std::optional<uint32_t> unk_id;
  bool add_unk = false;
  if (cfg.unk_token) {
    const auto it = std::find(cfg.special_tokens.begin(), cfg.special_tokens.end(), *cfg.unk_token);
    add_unk = it == cfg.special_tokens.end();
    unk_id = add_unk ? 0U : static_cast<uint32_t>(it - cfg.special_tokens.begin());
  }
  const std::size_t target = cfg.vocab_size - cfg.special_tokens.size() - (add_unk ? 1 : 0);
  for (const auto& [token, score] : model) {
    if (!inserted.insert(token).second) continue;
    pieces.emplace_back(token, std::isnan(score) ? 0.0 : score);
    if (pieces.size() == target) break;
  }
  std::stable_sort(pieces.begin(), pieces.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  std::vector<UnigramPiece> vocab;
  if (add_unk) vocab.emplace_back(*cfg.unk_token, 0.0);
  for (const auto& s : cfg.special_tokens) vocab.emplace_back(s, 0.0);
  vocab.insert(vocab.end(), pieces.begin(), pieces.end());
  return UnigramModel(std::move(vocab), unk_id);
}

}  // namespace

UnigramModel train_unigram(const WordCounts& words, const UnigramTrainerConfig& cfg) {
  const std::size_t reserved = cfg.special_tokens.size() + (cfg.unk_token ? 1 : 0);
  if (cfg.vocab_size <= reserved)
    throw ConfigError("Unigram vocab_size (" + std::to_string(cfg.vocab_size) +
                      ") must be higher than the number of special tokens (" +
                      std::to_string(reserved) + ")");
  if (cfg.shrinking_factor <= 0.0 || cfg.shrinking_factor >= 1.0)
    throw ConfigError("Unigram shrinking_factor must be in (0, 1) (got " +
                      std::to_string(cfg.shrinking_factor) + ")");
  if (cfg.max_piece_length == 0) throw ConfigError("Unigram max_piece_length must be >= 1");
  std::set<char32_t> required(cfg.initial_alphabet.begin(), cfg.initial_alphabet.end());
  for (const auto& w : words.words) required.insert(w.begin(), w.end());
  if (required.size() > cfg.vocab_size)
    throw ConfigError("Unigram vocab_size (" + std::to_string(cfg.vocab_size) +
                      ") is too small to hold the " + std::to_string(required.size()) +
                      " characters of the corpus");
  std::vector<UnigramPiece> pieces;
  pieces.emplace_back(U"<UNK>", std::numeric_limits<double>::quiet_NaN());
  for (auto& p : unigram_seed_pieces(words, cfg)) pieces.push_back(std::move(p));
  const std::size_t desired = cfg.vocab_size * 11 / 10;
  while (true) {
    for (uint32_t it = 0; it < cfg.n_sub_iterations; ++it)
      pieces = run_m_step(pieces, run_e_step(pieces, words));
    if (pieces.size() <= desired) break;
    const std::size_t before = pieces.size();
    pieces = prune_pieces(pieces, words, cfg);
    if (pieces.size() >= before) break;  // HF would loop forever here
  }
  return finalize(pieces, required, cfg);
}

}  // namespace miditok
