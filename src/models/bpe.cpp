// BPE encoding as HF tokenizers' BPE model: the tables, the word cache, characters to first
// symbols (with prefix/suffix, unk and byte fallback); the merges are applied in bpe_merge.cpp.
#include "miditok/models/bpe.h"

#include <cstdio>
#include <mutex>
#include <shared_mutex>
#include <string_view>

#include "bpe_merge.h"
#include "bpe_tables.h"
#include "miditok/core/error.h"
#include "miditok/models/text.h"

namespace miditok {

namespace {
constexpr uint32_t kNoId = 0xffffffffU;
constexpr char32_t kCharTable = 0x10000;
constexpr uint32_t kMaxCutIds = 1024;   // one-char tokens past this id never mark a cut
constexpr uint32_t kMaxDenseIds = 512;  // the dense merge table's rows: 1 MiB at most

// The one-char tokens adjacent inside some token of `vocab` (BpeTables::may_cut).
void mark_joined_chars(const std::vector<std::u32string>& vocab, detail::BpeTables& t) {
  t.cut_ids = 0;
  for (std::size_t i = 0; i < vocab.size() && i < kMaxCutIds; ++i)
    if (vocab[i].size() == 1) t.cut_ids = static_cast<uint32_t>(i + 1);
  t.joined_chars.assign((static_cast<std::size_t>(t.cut_ids) * t.cut_ids + 63) / 64, 0);
  const auto id_of = [&](char32_t ch) { return ch < kCharTable ? t.char_ids[ch] : kNoId; };
  for (const auto& token : vocab) {
    for (std::size_t k = 1; k < token.size(); ++k) {
      const uint32_t a = id_of(token[k - 1]), b = id_of(token[k]);
      if (a >= t.cut_ids || b >= t.cut_ids) continue;
      const std::size_t bit = static_cast<std::size_t>(a) * t.cut_ids + b;
      t.joined_chars[bit >> 6] |= uint64_t{1} << (bit & 63);
    }
  }
}

// The merges of the ids below kMaxDenseIds in a dense table (BpeTables::dense).
void mark_dense_pairs(const std::vector<std::pair<uint32_t, uint32_t>>& merges,
                      detail::BpeTables& t) {
  t.dense_ids = std::min(static_cast<uint32_t>(t.sides.size()), kMaxDenseIds);
  t.dense.assign(static_cast<std::size_t>(t.dense_ids) * t.dense_ids, ~0U);
  for (std::size_t r = 0; r < merges.size(); ++r) {
    const auto [a, b] = merges[r];
    if (a < t.dense_ids && b < t.dense_ids)
      t.dense[static_cast<std::size_t>(a) * t.dense_ids + b] =
          static_cast<uint32_t>(r << 16) | t.rank_new_id[r];
  }
}
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
  mark_joined_chars(vocab_, *tables);
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
    tables->by_rank.push_back({a, b, it->second});
  }
  if (vocab_.size() < 0xffff && merges_.size() <= 0x10000) {
    std::vector<std::pair<uint64_t, uint64_t>> entries;
    entries.reserve(merges_.size());
    tables->merges.for_each(
        [&](uint64_t key, uint64_t value) { entries.emplace_back(key, value); });
    tables->compact.build(entries);
    tables->use_compact = true;
    mark_dense_pairs(merges_, *tables);
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
  // As HF: a dropout other than 0 bypasses the cache (and the ignore_merges shortcut).
  if ((dropout && *dropout != 0.0) || !cacheable(word)) return encode_uncached(word, out);
  const auto append_cached = [&]() {
    const auto it = tables_->cache.find(word);
    if (it == tables_->cache.end()) return false;
    out.insert(out.end(), it->second.begin(), it->second.end());
    return true;
  };
  if (tables_->cache_full.load(std::memory_order_acquire)) {
    if (!append_cached()) encode_uncached(word, out);
    return;
  }
  {
    const std::shared_lock lock(tables_->cache_mutex);
    if (append_cached()) return;
  }
  const std::size_t mark = out.size();
  encode_uncached(word, out);
  const std::unique_lock lock(tables_->cache_mutex);
  if (tables_->cache.size() >= kCacheCapacity) return;
  tables_->cache.try_emplace(std::u32string(word), out.begin() + static_cast<std::ptrdiff_t>(mark),
                             out.end());
  if (tables_->cache.size() >= kCacheCapacity)
    tables_->cache_full.store(true, std::memory_order_release);
}

void BpeModel::encode_uncached(std::u32string_view word, std::vector<uint32_t>& out) const {
  const auto p = static_cast<float>(dropout.value_or(0.0));
  if (ignore_merges && p == 0.0F) {
    auto it = token_ids_.find(std::u32string(word));
    if (it != token_ids_.end()) {
      out.push_back(it->second);
      return;
    }
  }
  detail::MergeScratch& scratch = detail::merge_scratch();
  // The common case: no prefix or suffix to add, every character a one-char token.
  const bool plain = (!continuing_subword_prefix || continuing_subword_prefix->empty()) &&
                     (!end_of_word_suffix || end_of_word_suffix->empty());
  if (plain && p == 0.0F && detail::merge_long_word(*tables_, merges_, word, scratch, out)) return;
  std::vector<uint32_t>& ids = scratch.ids;
  ids.resize(word.size());
  std::size_t i = 0;
  if (plain) {
    const uint32_t* char_ids = tables_->char_ids.data();
    for (; i < word.size(); ++i) {
      const char32_t ch = word[i];
      const uint32_t id = ch < kCharTable ? char_ids[ch] : kNoId;
      if (id == kNoId) break;
      ids[i] = id;
    }
  }
  ids.resize(i);
  if (i < word.size()) first_symbols(word, i, ids);
  detail::merge_symbols(*tables_, merges_, ids, scratch, out, p);
}

void BpeModel::first_symbols(std::u32string_view word, std::size_t from,
                             std::vector<uint32_t>& ids) const {
  const bool plain = !continuing_subword_prefix && !end_of_word_suffix;
  std::u32string s;
  bool has_unk = false;
  uint32_t unk_id = 0;
  for (std::size_t i = from; i < word.size(); ++i) {
    const char32_t ch = word[i];
    uint32_t found = kNoId;
    const bool plain_char =
        plain || ((i == 0 || !continuing_subword_prefix || continuing_subword_prefix->empty()) &&
                  (i + 1 != word.size() || !end_of_word_suffix || end_of_word_suffix->empty()));
    s.assign(1, ch);
    if (plain_char && ch < kCharTable) {
      found = tables_->char_ids[ch];
    } else {
      if (i != 0 && continuing_subword_prefix) s.insert(0, *continuing_subword_prefix);
      if (i + 1 == word.size() && end_of_word_suffix) s += *end_of_word_suffix;
      auto it = token_ids_.find(s);
      if (it != token_ids_.end()) found = it->second;
    }
    if (found != kNoId) {
      if (has_unk) ids.push_back(unk_id);
      has_unk = false;
      ids.push_back(found);
      continue;
    }
    if (byte_fallback) {
      const std::string bytes = u32_to_utf8(s);
      std::vector<uint32_t> byte_ids;
      for (const unsigned char b : bytes) {
        char code[8];
        std::snprintf(code, sizeof(code), "<0x%02X>", b);
        auto bt = token_ids_.find(utf8_to_u32(code));
        if (bt == token_ids_.end()) break;
        byte_ids.push_back(bt->second);
      }
      if (byte_ids.size() == bytes.size()) {
        ids.insert(ids.end(), byte_ids.begin(), byte_ids.end());
        continue;
      }
    }
    if (unk_token) {
      auto ut = token_ids_.find(*unk_token);
      if (ut == token_ids_.end())
        throw TokenError("unk_token " + u32_to_utf8(*unk_token) + " is not in the vocabulary");
      if (has_unk && !fuse_unk) ids.push_back(unk_id);
      has_unk = true;
      unk_id = ut->second;
    }
  }
  if (has_unk) ids.push_back(unk_id);
}

}  // namespace miditok
