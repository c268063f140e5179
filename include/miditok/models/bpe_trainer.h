// Learns BPE merges exactly as Hugging Face `tokenizers`' BpeTrainer: same vocabulary ids, same
// merges in the same order (ties: lowest pair of ids first, lazy re-queueing of stale counts).
// Words are strings of code points with counts; short words are scanned whole per merge (as HF),
// long words keep exact per-pair lists of positions, so one huge word (encode_ids_split "no") is
// not quadratic.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "miditok/models/bpe.h"
#include "miditok/models/text.h"

namespace miditok {

/// The options of HF's BpeTrainer.
struct BpeTrainerConfig {
  std::size_t vocab_size = 30000;
  uint64_t min_frequency = 0;
  std::vector<std::u32string> special_tokens;
  std::vector<char32_t> initial_alphabet;
  std::optional<std::size_t> limit_alphabet;
  std::optional<std::u32string> continuing_subword_prefix;
  std::optional<std::u32string> end_of_word_suffix;
  std::optional<std::size_t> max_token_length;
};

/// What BPE training produced: the vocabulary (index = id) and every merge in learning order.
struct BpeTrainResult {
  std::vector<std::u32string> vocab;
  /// Merges as learned (a pair can appear twice when two paths build the same token; the model
  /// keeps the last rank, as HF does).
  std::vector<std::pair<uint32_t, uint32_t>> merges;
};

/// Learns the merges of `words` (throws ConfigError for a vocab_size of 0).
BpeTrainResult train_bpe(const WordCounts& words, const BpeTrainerConfig& config);

/// Builds the BPE model of a training result (duplicated merges keep their last rank).
BpeModel make_bpe_model(const BpeTrainResult& result, const BpeTrainerConfig& config);

}  // namespace miditok
