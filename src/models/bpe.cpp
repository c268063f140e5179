// BPE encoding as HF tokenizers' BPE model: characters to ids (with prefix/suffix, unk and byte
// fallback), then merges applied by rank (ties: leftmost) over a linked list of symbols.
#include "miditok/models/bpe.h"

#include <algorithm>
#include <cstdio>
#include <queue>

#include "flat_map.h"
#include "miditok/core/error.h"
#include "miditok/models/text.h"

namespace miditok {

BpeModel::BpeModel(std::vector<std::u32string> vocab,
                   const std::vector<std::pair<uint32_t, uint32_t>>& merges,
                   std::optional<std::u32string> prefix)
    : continuing_subword_prefix(std::move(prefix)), vocab_(std::move(vocab)), merges_(merges) {
  token_ids_.reserve(vocab_.size());
  for (std::size_t i = 0; i < vocab_.size(); ++i)
    token_ids_.emplace(vocab_[i], static_cast<uint32_t>(i));
  const std::u32string* strip = continuing_subword_prefix ? &*continuing_subword_prefix : nullptr;
  for (std::size_t r = 0; r < merges_.size(); ++r) {
    const auto [a, b] = merges_[r];
    if (a >= vocab_.size() || b >= vocab_.size())
      throw TokenError("BPE merge " + std::to_string(r) + " refers to an id outside the vocab");
    std::u32string_view right = vocab_[b];
    if (strip != nullptr && right.starts_with(*strip)) right.remove_prefix(strip->size());
    std::u32string joined = vocab_[a];
    joined += right;
    auto it = token_ids_.find(joined);
    if (it == token_ids_.end())
      throw TokenError("BPE merge " + std::to_string(r) + " (" + u32_to_utf8(vocab_[a]) + " " +
                       u32_to_utf8(vocab_[b]) + ") builds a token missing from the vocab");
    merge_map_[detail::pair_key(a, b)] = {static_cast<uint32_t>(r), it->second};
  }
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

void add_sym(std::vector<Sym>& syms, uint32_t c, uint32_t len) {
  const auto n = static_cast<int32_t>(syms.size());
  if (n > 0) syms.back().next = n;
  syms.push_back({c, n - 1, -1, len});
}

}  // namespace

void BpeModel::encode_word_into(std::u32string_view word, std::vector<uint32_t>& out) const {
  if (word.empty()) return;
  if (ignore_merges) {
    auto it = token_ids_.find(std::u32string(word));
    if (it != token_ids_.end()) {
      out.push_back(it->second);
      return;
    }
  }
  thread_local std::vector<Sym> syms;
  syms.clear();
  const bool plain = !continuing_subword_prefix && !end_of_word_suffix;
  std::u32string s;
  bool has_unk = false;
  uint32_t unk_id = 0, unk_len = 0;
  for (std::size_t i = 0; i < word.size(); ++i) {
    const char32_t ch = word[i];
    const uint32_t byte_len = ch < 0x80 ? 1 : ch < 0x800 ? 2 : ch < 0x10000 ? 3 : 4;
    s.assign(1, ch);
    if (!plain) {
      if (i != 0 && continuing_subword_prefix) s.insert(0, *continuing_subword_prefix);
      if (i + 1 == word.size() && end_of_word_suffix) s += *end_of_word_suffix;
    }
    auto it = token_ids_.find(s);
    if (it != token_ids_.end()) {
      if (has_unk) {
        add_sym(syms, unk_id, unk_len);
        has_unk = false;
      }
      add_sym(syms, it->second, byte_len);
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

  thread_local std::vector<Cand> heap_store;
  heap_store.clear();
  std::priority_queue<Cand> queue(std::less<Cand>(), std::move(heap_store));
  for (std::size_t i = 0; i + 1 < syms.size(); ++i) {
    if (auto m = merge_map_.find(detail::pair_key(syms[i].c, syms[i + 1].c)); m != merge_map_.end())
      queue.push({m->second.first, static_cast<uint32_t>(i), m->second.second});
  }
  while (!queue.empty()) {
    const Cand top = queue.top();
    queue.pop();
    Sym& cur = syms[top.pos];
    if (cur.len == 0 || cur.next == -1) continue;
    const auto next_pos = static_cast<std::size_t>(cur.next);
    const Sym right = syms[next_pos];
    auto m = merge_map_.find(detail::pair_key(cur.c, right.c));
    if (m == merge_map_.end() || m->second.second != top.new_id) continue;
    cur.c = top.new_id;
    cur.len += right.len;
    cur.next = right.next;
    syms[next_pos].len = 0;
    if (right.next > -1 && static_cast<std::size_t>(right.next) < syms.size())
      syms[static_cast<std::size_t>(right.next)].prev = static_cast<int32_t>(top.pos);
    if (cur.prev >= 0) {
      const Sym& p = syms[static_cast<std::size_t>(cur.prev)];
      if (auto pm = merge_map_.find(detail::pair_key(p.c, cur.c)); pm != merge_map_.end())
        queue.push({pm->second.first, static_cast<uint32_t>(cur.prev), pm->second.second});
    }
    if (cur.next >= 0) {
      const Sym& n = syms[static_cast<std::size_t>(cur.next)];
      if (auto nm = merge_map_.find(detail::pair_key(cur.c, n.c)); nm != merge_map_.end())
        queue.push({nm->second.first, top.pos, nm->second.second});
    }
  }
  for (const Sym& sym : syms)
    if (sym.len != 0) out.push_back(sym.c);
}

}  // namespace miditok
