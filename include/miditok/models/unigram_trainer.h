// Training a Unigram model the way Hugging Face tokenizers' UnigramTrainer does: seed pieces are
// the characters plus the frequent substrings of the corpus (suffix array), then EM rounds with a
// digamma (Bayesian) M-step and pruning by likelihood loss until the vocabulary fits.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "miditok/models/text.h"
#include "miditok/models/unigram.h"

namespace miditok {

/// The options of HF's UnigramTrainer (same defaults).
struct UnigramTrainerConfig {
  std::size_t vocab_size = 8000;               ///< target vocabulary size, special tokens included
  uint32_t n_sub_iterations = 2;               ///< EM iterations between two prunings
  double shrinking_factor = 0.75;              ///< fraction of pieces kept by each pruning
  std::vector<std::u32string> special_tokens;  ///< placed first in the vocab, score 0
  std::vector<char32_t> initial_alphabet;      ///< characters always kept
  std::optional<std::u32string> unk_token;     ///< the unknown piece (none: no unk_id)
  std::size_t max_piece_length = 16;           ///< longest piece, in characters
  std::size_t seed_size = 1000000;             ///< number of seed pieces
};

/// A piece and its log-probability.
using UnigramPiece = std::pair<std::u32string, double>;

/// The seed pieces of HF's trainer: characters by weighted count, then substrings occurring at
/// least twice (right-branching in the suffix tree) by occurrences x length, as log-probabilities.
std::vector<UnigramPiece> unigram_seed_pieces(const WordCounts& words,
                                              const UnigramTrainerConfig& cfg);

/// Trains a Unigram model on counted words (throws ConfigError when vocab_size is too small).
UnigramModel train_unigram(const WordCounts& words, const UnigramTrainerConfig& cfg);

}  // namespace miditok
