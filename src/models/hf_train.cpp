// MidiTok's assembly of an HF BPE / WordPiece tokenizer around our trainers.
#include "miditok/models/hf_train.h"

#include "miditok/core/error.h"
#include "miditok/models/bpe_trainer.h"
#include "miditok/models/unigram_trainer.h"
#include "miditok/models/wordpiece.h"

namespace miditok {

WordCounts count_id_words(const std::vector<std::vector<int32_t>>& sequences, bool metaspace) {
  std::vector<std::u32string> seqs;
  seqs.reserve(sequences.size());
  for (const auto& s : sequences) seqs.push_back(ids_to_chars(s));
  return count_words(seqs,
                     metaspace ? std::optional<MetaspaceConfig>(MetaspaceConfig{}) : std::nullopt);
}

HfTokenizer train_hf_tokenizer(const WordCounts& words, const HfTrainOptions& o) {
  if (o.encode_ids_split != "bar" && o.encode_ids_split != "beat" && o.encode_ids_split != "no")
    throw ConfigError("encode_ids_split must be \"bar\", \"beat\" or \"no\" (got \"" +
                      o.encode_ids_split + "\")");
  if (o.vocab_size <= o.base_vocab_size)
    throw ConfigError("vocab_size (" + std::to_string(o.vocab_size) +
                      ") must be higher than the number of base tokens (" +
                      std::to_string(o.base_vocab_size) + ")");
  const bool split = o.encode_ids_split != "no";
  BpeTrainerConfig cfg;
  cfg.vocab_size = o.vocab_size;
  cfg.min_frequency = o.min_frequency;
  cfg.max_token_length = o.max_token_length;
  cfg.limit_alphabet = o.limit_alphabet;
  for (std::size_t i = 0; i < o.base_vocab_size; ++i) {
    bool unigram_token = false;
    for (const auto& [id, _] : o.unigram_special_ids)
      unigram_token = unigram_token || static_cast<std::size_t>(id) == i;
    if (!unigram_token) cfg.initial_alphabet.push_back(static_cast<char32_t>(i) + kChrIdStart);
  }
  // A Unigram model cannot hold a single base character as a special token: MidiTok wraps each
  // in chr(33) on both sides ("!" + byte + "!"); its "-unigram" tokens are that wrapped form.
  const auto add_special = [&cfg](std::u32string s) {
    bool seen = false;
    for (const auto& t : cfg.special_tokens) seen = seen || t == s;
    if (!seen) cfg.special_tokens.push_back(std::move(s));
  };
  const auto wrapped = [](int32_t id) {
    return std::u32string{kChrIdStart, static_cast<char32_t>(id) + kChrIdStart, kChrIdStart};
  };
  for (const int32_t id : o.special_token_ids)
    add_special(o.model == "Unigram" ? wrapped(id)
                                     : std::u32string(1, static_cast<char32_t>(id) + kChrIdStart));
  for (const auto& [_, special_id] : o.unigram_special_ids) add_special(wrapped(special_id));
  HfTokenizer tok;
  if (split) {
    tok.pre_tokenizer = MetaspaceConfig{};
    tok.decoder = MetaspaceConfig{};
  }
  if (o.model == "BPE") {
    if (split) {
      cfg.continuing_subword_prefix = U"";
      cfg.end_of_word_suffix = U"";
    }
    tok.type = HfModelType::BPE;
    tok.bpe = make_bpe_model(train_bpe(words, cfg), cfg);
    tok.bpe.end_of_word_suffix = cfg.end_of_word_suffix;
  } else if (o.model == "WordPiece") {
    if (split) cfg.continuing_subword_prefix = U"";
    tok.type = HfModelType::WordPiece;
    const std::u32string unk =
        o.unk_token.value_or(std::u32string(1, static_cast<char32_t>(0) + kChrIdStart));
    tok.wordpiece = train_wordpiece(words, cfg);
    tok.wordpiece.unk_token = unk;
    tok.wordpiece.max_input_chars_per_word =
        o.max_input_chars_per_word.value_or(o.encode_ids_split == "beat" ? 100 : 400);
  } else if (o.model == "Unigram") {
    UnigramTrainerConfig ucfg;
    ucfg.vocab_size = o.vocab_size;
    ucfg.initial_alphabet = cfg.initial_alphabet;
    ucfg.special_tokens = cfg.special_tokens;
    ucfg.unk_token = o.unk_token;
    ucfg.max_piece_length = o.max_piece_length.value_or(16);
    ucfg.shrinking_factor = o.shrinking_factor;
    ucfg.n_sub_iterations = o.n_sub_iterations;
    tok.type = HfModelType::Unigram;
    tok.unigram = train_unigram(words, ucfg);
  } else {
    throw ConfigError("model must be \"BPE\", \"WordPiece\" or \"Unigram\" (got \"" + o.model +
                      "\")");
  }
  for (const auto& s : cfg.special_tokens) {
    HfAddedToken a;
    a.content = s;
    const auto id = tok.token_to_id(s);
    a.id = id ? *id : static_cast<uint32_t>(tok.vocab_size());
    tok.added_tokens.push_back(a);
  }
  return tok;
}

}  // namespace miditok
