// Training an HF tokenizer pipeline the way MidiTok's tokenizer.train assembles it: base ids as
// characters chr(id + 33), Metaspace pre-tokenizer when sequences are split per bar / beat,
// special tokens as added tokens, and the BPE, WordPiece or Unigram trainer options MidiTok passes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "miditok/models/hf_tokenizer.h"

namespace miditok {

/// What MidiTok's train passes to HF tokenizers.
struct HfTrainOptions {
  std::string model = "BPE";        ///< "BPE", "WordPiece" or "Unigram"
  std::size_t vocab_size = 30000;   ///< target vocabulary size
  std::size_t base_vocab_size = 0;  ///< initial alphabet: chr(33 + i) for i < base_vocab_size
  std::vector<int32_t> special_token_ids;  ///< base ids of the special tokens, in order
  /// MidiTok's "<special>-unigram" tokens (a Unigram training appends them): their base id and
  /// the id of the special token each stands for. They are left out of the initial alphabet and
  /// train as MidiTok's byte for them, "!" + the special token's character + "!", the token a
  /// Unigram model already has for that special token.
  std::vector<std::pair<int32_t, int32_t>> unigram_special_ids;
  std::string encode_ids_split = "bar";  ///< "bar", "beat" or "no"
  uint64_t min_frequency = 0;
  std::optional<std::size_t> max_token_length;
  std::optional<std::size_t> limit_alphabet;
  std::optional<std::u32string> unk_token;              ///< WordPiece (default: pad char "!")
  std::optional<std::size_t> max_input_chars_per_word;  ///< WordPiece (default 400 / 100 beat)
  std::optional<std::size_t> max_piece_length;          ///< Unigram (default 16, HF's)
  double shrinking_factor = 0.75;                       ///< Unigram
  uint32_t n_sub_iterations = 2;                        ///< Unigram
};

/// Counts the words of base-id sequences (one HF sequence each), as characters, on all threads.
WordCounts count_id_words(const std::vector<std::vector<int32_t>>& sequences, bool metaspace);

/// Trains the pipeline MidiTok would build (throws ConfigError on bad options).
HfTokenizer train_hf_tokenizer(const WordCounts& words, const HfTrainOptions& options);

}  // namespace miditok
