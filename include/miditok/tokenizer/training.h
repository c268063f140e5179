// Training a tokenizer's BPE / WordPiece / Unigram model from music files or from base-id
// sequences, as MidiTok's tokenizer.train with TokTrainingIterator does (load, preprocess,
// tokenize, split per bar / beat / not, bytes chr(id + 33), count words, train), on native threads.
// Also applies a trained model to token sequences (encode_token_ids / decode_token_ids) for every
// trainable tokenization.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "miditok/models/hf_tokenizer.h"
#include "miditok/models/text.h"
#include "miditok/tokenizer/music_tokenizer.h"

namespace miditok {

/// The arguments of MidiTok's train that reach the trainer.
struct TrainingOptions {
  std::size_t vocab_size = 30000;
  std::string model = "BPE";  ///< "BPE", "WordPiece" or "Unigram"
  uint64_t min_frequency = 0;
  std::optional<std::size_t> max_token_length;
  std::optional<std::size_t> limit_alphabet;
  std::optional<std::u32string> unk_token;              ///< WordPiece
  std::optional<std::size_t> max_input_chars_per_word;  ///< WordPiece
  std::optional<std::size_t> max_piece_length;          ///< Unigram (default 16)
  double shrinking_factor = 0.75;                       ///< Unigram
  uint32_t n_sub_iterations = 2;                        ///< Unigram
};

/// Files that could not be used, with the reason.
using SkippedFiles = std::vector<std::pair<std::string, std::string>>;

/// Words counted over a corpus, with the files used and the ones skipped.
struct TrainingCorpus {
  WordCounts words;
  std::size_t files_used = 0;
  SkippedFiles skipped;
};

/// A trained model and the corpus report.
struct TrainingResult {
  HfTokenizer model;
  std::size_t files_used = 0;
  SkippedFiles skipped;
};

/// Throws TokenError when the tokenization cannot be trained (several vocabularies).
void check_trainable(const MusicTokenizer& tokenizer);

/// MidiTok's training strings of a score: one per bar / beat (non-empty) or one per sequence.
std::vector<std::u32string> training_strings(const MusicTokenizer& tokenizer, const Score& score);

/// Training strings of already-encoded base-id sequences (split per bar/beat needs events).
std::vector<std::u32string> training_strings(const MusicTokenizer& tokenizer,
                                             const std::vector<TokSequence>& sequences);

/// Loads, tokenizes and counts the words of MIDI files on all threads; unreadable files are
/// skipped and reported. `progress(done)` is called from one thread at a time.
TrainingCorpus count_training_words(const MusicTokenizer& tokenizer,
                                    const std::vector<std::string>& paths,
                                    const std::function<void(std::size_t)>& progress = {});

/// Counts the words of training strings (one HF sequence each) as MidiTok's pre-tokenizer does.
WordCounts count_training_strings(const MusicTokenizer& tokenizer,
                                  const std::vector<std::u32string>& strings);

/// Trains the model on counted words (ConfigError on a too small vocab_size or empty corpus).
HfTokenizer train_model(const MusicTokenizer& tokenizer, const WordCounts& words,
                        const TrainingOptions& options);

/// Counts the words of files then trains (ConfigError when no file is usable).
TrainingResult train_from_files(const MusicTokenizer& tokenizer,
                                const std::vector<std::string>& paths,
                                const TrainingOptions& options,
                                const std::function<void(std::size_t)>& progress = {});

/// The words (bytes) MidiTok gives the model to encode one base-id sequence.
std::vector<std::u32string> encode_words(const MusicTokenizer& tokenizer, TokSequence& seq);

/// Encodes the base ids of a sequence with the trained model (sets are_ids_encoded).
void encode_token_ids(const MusicTokenizer& tokenizer, const HfTokenizer& model, TokSequence& seq);

/// Encodes many sequences on all threads.
void encode_token_ids(const MusicTokenizer& tokenizer, const HfTokenizer& model,
                      std::vector<TokSequence>& seqs);

/// Decodes model ids back to base ids and tokens (clears are_ids_encoded).
void decode_token_ids(const MusicTokenizer& tokenizer, const HfTokenizer& model, TokSequence& seq);

}  // namespace miditok
