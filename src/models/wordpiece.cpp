// WordPiece encoding (greedy longest match) and training through the BPE trainer, as HF.
#include "miditok/models/wordpiece.h"

#include "miditok/core/error.h"

namespace miditok {

WordPieceModel::WordPieceModel(std::vector<std::u32string> vocab) : vocab_(std::move(vocab)) {
  token_ids_.reserve(vocab_.size());
  for (std::size_t i = 0; i < vocab_.size(); ++i)
    token_ids_.emplace(vocab_[i], static_cast<uint32_t>(i));
}

const uint32_t* WordPieceModel::find(const std::u32string& token) const {
  auto it = token_ids_.find(token);
  return it == token_ids_.end() ? nullptr : &it->second;
}

void WordPieceModel::encode_word_into(std::u32string_view word, std::vector<uint32_t>& out) const {
  if (word.empty()) return;
  auto unk = [&]() {
    const uint32_t* id = find(unk_token);
    if (id == nullptr)
      throw TokenError("WordPiece unk_token " + std::to_string(unk_token.size()) +
                       "-char string is missing from the vocabulary");
    out.push_back(*id);
  };
  if (word.size() > max_input_chars_per_word) return unk();
  const std::size_t mark = out.size();
  std::u32string sub;
  std::size_t start = 0;
  while (start < word.size()) {
    std::size_t end = word.size();
    const uint32_t* found = nullptr;
    while (start < end) {
      sub.clear();
      if (start > 0) sub = continuing_subword_prefix;
      sub.append(word.substr(start, end - start));
      found = find(sub);
      if (found != nullptr) break;
      --end;
    }
    if (found == nullptr) {
      out.resize(mark);
      return unk();
    }
    out.push_back(*found);
    start = end;
  }
}

WordPieceModel train_wordpiece(const WordCounts& words, BpeTrainerConfig config) {
  if (!config.continuing_subword_prefix) config.continuing_subword_prefix = U"##";
  BpeTrainResult result = train_bpe(words, config);
  WordPieceModel model(std::move(result.vocab));
  model.continuing_subword_prefix = *config.continuing_subword_prefix;
  return model;
}

}  // namespace miditok
