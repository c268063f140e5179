// The HF tokenizer pipeline: added-token splitting, Metaspace pre-tokenization, model encoding,
// and decoding back to base ids. JSON reading and writing lives in hf_json.cpp.
#include "miditok/models/hf_tokenizer.h"

#include <algorithm>
#include <array>

#include "miditok/core/error.h"
#include "miditok/core/thread_pool.h"

namespace miditok {

std::string HfTokenizer::model_name() const {
  switch (type) {
    case HfModelType::BPE:
      return "BPE";
    case HfModelType::WordPiece:
      return "WordPiece";
    case HfModelType::Unigram:
      return "Unigram";
  }
  return "BPE";
}

std::size_t HfTokenizer::vocab_size() const {
  std::size_t n = type == HfModelType::BPE         ? bpe.vocab_size()
                  : type == HfModelType::WordPiece ? wordpiece.vocab_size()
                                                   : unigram.vocab_size();
  std::size_t top = n;
  for (const auto& t : added_tokens) top = std::max<std::size_t>(top, t.id + 1);
  return top;
}

std::u32string HfTokenizer::id_to_token(uint32_t id) const {
  for (const auto& t : added_tokens)
    if (t.id == id) return t.content;
  switch (type) {
    case HfModelType::BPE:
      return bpe.id_to_token(id);
    case HfModelType::WordPiece:
      if (id < wordpiece.vocab_size()) return wordpiece.vocab()[id];
      break;
    case HfModelType::Unigram:
      if (id < unigram.vocab_size()) return unigram.vocab()[id].first;
      break;
  }
  throw TokenError("id " + std::to_string(id) + " is outside the trained vocabulary of size " +
                   std::to_string(vocab_size()));
}

std::optional<uint32_t> HfTokenizer::token_to_id(const std::u32string& token) const {
  for (const auto& t : added_tokens)
    if (t.content == token) return t.id;
  switch (type) {
    case HfModelType::BPE:
      return bpe.token_to_id(token);
    case HfModelType::WordPiece:
      if (const uint32_t* id = wordpiece.find(token)) return *id;
      break;
    case HfModelType::Unigram:
      if (const uint32_t* id = unigram.find(token)) return *id;
      break;
  }
  return std::nullopt;
}

void HfTokenizer::encode_piece(std::u32string_view piece, bool first,
                               std::vector<uint32_t>& out) const {
  const auto encode_word = [&](std::u32string_view w) {
    switch (type) {
      case HfModelType::BPE:
        bpe.encode_word_into(w, out);
        break;
      case HfModelType::WordPiece:
        wordpiece.encode_word_into(w, out);
        break;
      case HfModelType::Unigram:
        unigram.encode_word_into(w, out);
        break;
    }
  };
  if (!pre_tokenizer) return encode_word(piece);
  thread_local std::u32string buffer;
  thread_local std::vector<std::u32string_view> words;
  words.clear();
  metaspace_split_views(piece, *pre_tokenizer, first, buffer, words);
  for (const auto w : words) encode_word(w);
}

std::vector<uint32_t> HfTokenizer::encode(const std::vector<std::u32string>& words) const {
  std::vector<uint32_t> out;
  // Bit (c & 1023) set when some added token starts with a character c: most characters skip
  // the scan of the added tokens on this test alone (MidiTok's base characters, from '!', do not
  // share bits below 1024).
  std::array<uint64_t, 16> starts{};
  for (const auto& t : added_tokens)
    if (!t.content.empty())
      starts[(t.content.front() >> 6) & 15U] |= uint64_t{1} << (t.content.front() & 63U);
  for (const auto& word : words) {
    // Split around added tokens (leftmost, longest match), then encode the other pieces.
    std::size_t piece_start = 0;
    std::size_t i = 0;
    bool first = true;
    while (i < word.size()) {
      if (((starts[(word[i] >> 6) & 15U] >> (word[i] & 63U)) & 1U) == 0) {
        ++i;
        continue;
      }
      const HfAddedToken* match = nullptr;
      for (const auto& t : added_tokens) {
        if (t.content.empty() || t.content.front() != word[i] || t.content.size() > word.size() - i)
          continue;
        if (std::u32string_view(word).substr(i, t.content.size()) != t.content) continue;
        if (match == nullptr || t.content.size() > match->content.size()) match = &t;
      }
      if (match == nullptr) {
        ++i;
        continue;
      }
      if (i > piece_start) {
        encode_piece(std::u32string_view(word).substr(piece_start, i - piece_start), first, out);
      }
      first = false;
      out.push_back(match->id);
      i += match->content.size();
      piece_start = i;
    }
    if (word.size() > piece_start) {
      encode_piece(std::u32string_view(word).substr(piece_start), first, out);
    }
  }
  return out;
}

std::vector<std::vector<uint32_t>> HfTokenizer::encode_batch(
    const std::vector<std::vector<std::u32string>>& batch) const {
  std::vector<std::vector<uint32_t>> out(batch.size());
  // Longest first, so that no thread is left alone with a long sequence at the end.
  std::vector<std::pair<std::size_t, std::size_t>> order(batch.size());  // (chars, index)
  for (std::size_t i = 0; i < batch.size(); ++i) {
    std::size_t chars = 0;
    for (const auto& word : batch[i]) chars += word.size();
    order[i] = {chars, i};
  }
  std::stable_sort(order.begin(), order.end(),
                   [](const auto& x, const auto& y) { return x.first > y.first; });
  parallel_for(batch.size(), [&](std::size_t k) {
    const std::size_t i = order[k].second;
    out[i] = encode(batch[i]);
  });
  return out;
}

std::vector<int32_t> HfTokenizer::decode_to_base_ids(const std::vector<uint32_t>& ids) const {
  std::optional<std::u32string> prefix, suffix;
  if (type == HfModelType::BPE) {
    prefix = bpe.continuing_subword_prefix;
    suffix = bpe.end_of_word_suffix;
  } else if (type == HfModelType::WordPiece) {
    prefix = wordpiece.continuing_subword_prefix;
  }
  std::vector<int32_t> out;
  out.reserve(ids.size() * 2);
  bool piece_start = true;
  for (const uint32_t id : ids) {
    const std::u32string tok = id_to_token(id);
    std::u32string_view v = tok;
    // A piece's first token (sequence start, or after an added token) never carries the
    // continuing-subword prefix: with "##", a first token made of '#' (base id 2) keeps them.
    const bool added = std::any_of(added_tokens.begin(), added_tokens.end(),
                                   [&](const HfAddedToken& t) { return t.id == id; });
    if (!piece_start && !added && prefix && !prefix->empty() && v.starts_with(*prefix))
      v.remove_prefix(prefix->size());
    piece_start = added;
    if (suffix && !suffix->empty() && v.ends_with(*suffix)) v.remove_suffix(suffix->size());
    if (pre_tokenizer && !v.empty() && v.front() == pre_tokenizer->replacement) v.remove_prefix(1);
    for (const char32_t ch : v)
      out.push_back(static_cast<int32_t>(ch) - static_cast<int32_t>(kChrIdStart));
  }
  return out;
}

}  // namespace miditok
