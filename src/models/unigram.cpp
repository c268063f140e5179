// Unigram encoding: Viterbi over code points with HF's tie rules (shorter piece first, strictly
// better score replaces) and unknown-piece fusion.
#include "miditok/models/unigram.h"

#include <cstdio>
#include <limits>

#include "miditok/core/error.h"
#include "miditok/models/text.h"

namespace miditok {
namespace {
constexpr double kUnkPenalty = 10.0;
}

UnigramModel::UnigramModel(std::vector<std::pair<std::u32string, double>> vocab,
                           std::optional<uint32_t> unk_id, bool byte_fallback)
    : vocab_(std::move(vocab)), unk_id_(unk_id), byte_fallback_(byte_fallback) {
  if (unk_id_ && *unk_id_ >= vocab_.size())
    throw ConfigError("Unigram unk_id " + std::to_string(*unk_id_) + " is outside the vocab of " +
                      std::to_string(vocab_.size()) + " pieces");
  min_score_ = std::numeric_limits<double>::infinity();
  token_ids_.reserve(vocab_.size());
  for (std::size_t i = 0; i < vocab_.size(); ++i) {
    token_ids_.emplace(vocab_[i].first, static_cast<uint32_t>(i));
    min_score_ = std::min(min_score_, vocab_[i].second);
    max_piece_chars_ = std::max(max_piece_chars_, vocab_[i].first.size());
  }
}

const uint32_t* UnigramModel::find(const std::u32string& token) const {
  auto it = token_ids_.find(token);
  return it == token_ids_.end() ? nullptr : &it->second;
}

void UnigramModel::encode_word_into(std::u32string_view word, std::vector<uint32_t>& out) const {
  if (word.empty()) return;
  struct Node {
    int64_t id = -1;
    double score = 0.0;
    int64_t starts_at = -1;
  };
  const std::size_t n = word.size();
  std::vector<Node> best(n + 1);
  const double unk_score = min_score_ - kUnkPenalty;
  std::u32string piece;
  for (std::size_t start = 0; start < n; ++start) {
    const double here = best[start].score;
    bool has_single = false;
    const std::size_t max_len = std::min(max_piece_chars_, n - start);
    for (std::size_t len = 1; len <= max_len; ++len) {
      piece.assign(word.substr(start, len));
      auto it = token_ids_.find(piece);
      if (it == token_ids_.end()) continue;
      Node& target = best[start + len];
      const double cand = vocab_[it->second].second + here;
      if (target.starts_at < 0 || cand > target.score) {
        target = {it->second, cand, static_cast<int64_t>(start)};
      }
      if (len == 1) has_single = true;
    }
    if (!has_single) {
      Node& target = best[start + 1];
      const double cand = unk_score + here;
      if (target.starts_at < 0 || cand > target.score) {
        if (!unk_id_) throw TokenError("Unigram model has no unk_id for an unknown character");
        target = {static_cast<int64_t>(*unk_id_), cand, static_cast<int64_t>(start)};
      }
    }
  }
  // Backtrack; consecutive unknown pieces are fused into one.
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  std::vector<bool> is_unk;
  for (std::size_t end = n; end > 0;) {
    const Node& node = best[end];
    const auto start = static_cast<std::size_t>(node.starts_at);
    const bool unk = unk_id_ && node.id == static_cast<int64_t>(*unk_id_);
    if (unk && !is_unk.empty() && is_unk.back()) {
      spans.back().first = start;
    } else {
      spans.emplace_back(start, end);
      is_unk.push_back(unk);
    }
    end = start;
  }
  for (std::size_t k = spans.size(); k-- > 0;) {
    piece.assign(word.substr(spans[k].first, spans[k].second - spans[k].first));
    auto it = token_ids_.find(piece);
    if (it != token_ids_.end()) {
      out.push_back(it->second);
      continue;
    }
    if (byte_fallback_) {
      bool ok = true;
      std::vector<uint32_t> ids;
      for (const unsigned char b : u32_to_utf8(piece)) {
        char code[8];
        std::snprintf(code, sizeof(code), "<0x%02X>", b);
        auto bt = token_ids_.find(utf8_to_u32(code));
        if (bt == token_ids_.end()) {
          ok = false;
          break;
        }
        ids.push_back(bt->second);
      }
      if (ok) {
        out.insert(out.end(), ids.begin(), ids.end());
        continue;
      }
    }
    if (!unk_id_) throw TokenError("Unigram model has no unk_id for an unknown piece");
    out.push_back(*unk_id_);
  }
}

}  // namespace miditok
