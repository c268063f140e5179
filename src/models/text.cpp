// UTF-8 conversion, the Metaspace pre-tokenizer and the parallel word counter.
#include "miditok/models/text.h"

#include <algorithm>
#include <unordered_map>

#include "miditok/core/error.h"
#include "miditok/core/thread_pool.h"

namespace miditok {

std::u32string utf8_to_u32(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    char32_t cp;
    std::size_t n;
    if (b < 0x80) {
      cp = b;
      n = 1;
    } else if ((b >> 5) == 0x6) {
      cp = b & 0x1f;
      n = 2;
    } else if ((b >> 4) == 0xe) {
      cp = b & 0x0f;
      n = 3;
    } else if ((b >> 3) == 0x1e) {
      cp = b & 0x07;
      n = 4;
    } else {
      throw TokenError("invalid UTF-8 byte at offset " + std::to_string(i));
    }
    if (i + n > s.size()) throw TokenError("truncated UTF-8 at offset " + std::to_string(i));
    for (std::size_t k = 1; k < n; ++k) {
      const auto cb = static_cast<unsigned char>(s[i + k]);
      if ((cb >> 6) != 0x2) throw TokenError("invalid UTF-8 at offset " + std::to_string(i + k));
      cp = (cp << 6) | (cb & 0x3f);
    }
    out.push_back(cp);
    i += n;
  }
  return out;
}

std::string u32_to_utf8(std::u32string_view s) {
  std::string out;
  out.reserve(s.size());
  for (const char32_t cp : s) {
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xc0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xe0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    } else {
      out.push_back(static_cast<char>(0xf0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    }
  }
  return out;
}

std::u32string ids_to_chars(std::span<const int32_t> ids) {
  std::u32string out;
  out.reserve(ids.size());
  for (const int32_t id : ids) {
    if (id < 0) throw TokenError("negative token id " + std::to_string(id));
    out.push_back(static_cast<char32_t>(id) + kChrIdStart);
  }
  return out;
}

void metaspace_split_views(std::u32string_view piece, const MetaspaceConfig& cfg, bool first_piece,
                           std::u32string& buffer, std::vector<std::u32string_view>& out) {
  if (piece.empty()) return;  // HF's normalized string stays empty: no word
  const bool starts = piece.front() == U' ' || piece.front() == cfg.replacement;
  const bool prepend =
      !starts && (cfg.prepend_scheme == "always" || (cfg.prepend_scheme == "first" && first_piece));
  buffer.clear();
  if (prepend) buffer.push_back(cfg.replacement);
  buffer.append(piece);
  std::replace(buffer.begin(), buffer.end(), U' ', cfg.replacement);
  const std::u32string_view s = buffer;
  if (!cfg.split) {
    out.push_back(s);
    return;
  }
  // MergedWithNext: each replacement starts a new word.
  std::size_t begin = 0;
  for (std::size_t i = 1; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == cfg.replacement) {
      if (i > begin) out.push_back(s.substr(begin, i - begin));
      begin = i;
    }
  }
}

void metaspace_split(std::u32string_view piece, const MetaspaceConfig& cfg, bool first_piece,
                     std::vector<std::u32string>& out) {
  std::u32string buffer;
  std::vector<std::u32string_view> views;
  metaspace_split_views(piece, cfg, first_piece, buffer, views);
  for (const auto v : views) out.emplace_back(v);
}

WordCounts count_words(const std::vector<std::u32string>& sequences,
                       const std::optional<MetaspaceConfig>& metaspace) {
  const std::size_t n_shards = std::max<std::size_t>(1, std::min(num_threads(), sequences.size()));
  std::vector<std::unordered_map<std::u32string, uint64_t>> maps(n_shards);
  std::vector<std::vector<std::u32string>> orders(n_shards);
  parallel_for(n_shards, [&](std::size_t k) {
    auto& map = maps[k];
    auto& order = orders[k];
    std::vector<std::u32string> words;
    const std::size_t lo = sequences.size() * k / n_shards;
    const std::size_t hi = sequences.size() * (k + 1) / n_shards;
    for (std::size_t i = lo; i < hi; ++i) {
      words.clear();
      if (metaspace)
        metaspace_split(sequences[i], *metaspace, true, words);
      else if (!sequences[i].empty())
        words.push_back(sequences[i]);
      for (auto& w : words) {
        auto [it, inserted] = map.try_emplace(w, 0);
        if (inserted) order.push_back(w);
        ++it->second;
      }
    }
  });
  WordCounts out;
  std::unordered_map<std::u32string, std::size_t> index;
  for (std::size_t k = 0; k < n_shards; ++k) {
    for (auto& w : orders[k]) {
      const uint64_t n = maps[k][w];
      auto [it, inserted] = index.try_emplace(w, out.words.size());
      if (inserted) {
        out.words.push_back(std::move(w));
        out.counts.push_back(n);
      } else {
        out.counts[it->second] += n;
      }
    }
  }
  return out;
}

}  // namespace miditok
