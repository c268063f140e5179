// A trained Hugging Face `tokenizers` pipeline as MidiTok uses it: added (special) tokens, an
// optional Metaspace pre-tokenizer / decoder and a BPE, WordPiece or Unigram model. Encodes
// pre-tokenized words to ids like Tokenizer.encode(words, is_pretokenized=True), and reads and
// writes the exact JSON document of Tokenizer.to_str() (the "_model" entry of MidiTok's params).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "miditok/models/bpe.h"
#include "miditok/models/text.h"
#include "miditok/models/unigram.h"
#include "miditok/models/wordpiece.h"

namespace miditok {

/// One entry of HF's "added_tokens".
struct HfAddedToken {
  uint32_t id = 0;
  std::u32string content;
  bool single_word = false;
  bool lstrip = false;
  bool rstrip = false;
  bool normalized = false;
  bool special = true;
};

/// The model kinds MidiTok trains.
enum class HfModelType { BPE, WordPiece, Unigram };

/// A trained HF tokenizer: model, pre-tokenizer, decoder and added tokens.
class HfTokenizer {
 public:
  HfModelType type = HfModelType::BPE;
  BpeModel bpe;
  WordPieceModel wordpiece;
  UnigramModel unigram;
  std::optional<MetaspaceConfig> pre_tokenizer;
  std::optional<MetaspaceConfig> decoder;
  std::vector<HfAddedToken> added_tokens;

  /// Name of the model type ("BPE", "WordPiece", "Unigram").
  [[nodiscard]] std::string model_name() const;
  /// Size of the model vocabulary plus added tokens outside it (HF get_vocab_size).
  [[nodiscard]] std::size_t vocab_size() const;
  /// The token string of an id (model vocabulary or added token).
  [[nodiscard]] std::u32string id_to_token(uint32_t id) const;
  /// The id of a token string (added tokens first, then the model), if any.
  [[nodiscard]] std::optional<uint32_t> token_to_id(const std::u32string& token) const;

  /// Encodes pre-tokenized words (one per bar/beat, or one per sequence) into ids.
  [[nodiscard]] std::vector<uint32_t> encode(const std::vector<std::u32string>& words) const;
  /// Encodes many sequences of words on all threads.
  [[nodiscard]] std::vector<std::vector<uint32_t>> encode_batch(
      const std::vector<std::vector<std::u32string>>& batch) const;
  /// Maps the ids of one sequence back to base token ids (characters - 33), dropping the
  /// Metaspace replacement and the model's subword prefix (not on the first token) / suffix.
  [[nodiscard]] std::vector<int32_t> decode_to_base_ids(const std::vector<uint32_t>& ids) const;

  /// Serialises as HF's Tokenizer.to_str() (compact JSON, same key order and escaping).
  [[nodiscard]] std::string to_str() const;
  /// Parses a document written by HF's Tokenizer.to_str() / save (throws ConfigError).
  static HfTokenizer from_str(std::string_view json);

 private:
  void encode_piece(std::u32string_view piece, bool first, std::vector<uint32_t>& out) const;
};

/// Serialises a string as a JSON string literal the way serde_json does (UTF-8, minimal escapes).
std::string json_quote(std::u32string_view s);

}  // namespace miditok
