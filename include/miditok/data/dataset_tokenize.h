// Tokenization of music files for DatasetMIDI: read, preprocess, encode, cut to max_seq_len and
// add BOS/EOS following the chunk marker that split_files_for_training writes. Many files run on
// the thread pool into one flat buffer of samples; a file that fails is reported, never thrown.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "miditok/core/types.h"
#include "miditok/data/token_shard.h"
#include "miditok/score/score.h"
#include "miditok/tokenizer/music_tokenizer.h"

namespace miditok {

/// How DatasetMIDI cuts and completes the sequences of a file.
struct DatasetTokenizeOptions {
  int max_seq_len = 1024;
  std::optional<token_id_t> bos_token_id;
  std::optional<token_id_t> eos_token_id;
  bool all_tracks = true;  ///< multi-stream: every track is a sample (else only the first)
};

/// Whether to add BOS and EOS to a file's sequences, from a `miditok: chunk i/N` marker at tick 0.
std::pair<bool, bool> chunk_bos_eos(const Score& score);

/// Cuts ids to fit max_seq_len with the specials (EOS left out when cut) and adds BOS/EOS.
void cut_and_add_specials(std::vector<token_id_t>& ids, int max_seq_len,
                          std::optional<token_id_t> bos, std::optional<token_id_t> eos);

/// The samples of one score (preprocessed, encoded, cut, BOS/EOS) appended to out.
void tokenize_score_for_dataset(const MusicTokenizer& tokenizer, const Score& score,
                                const DatasetTokenizeOptions& options, TokenSequences& out);

/// The samples of many music files (MIDI, ABC), tokenized on `threads` threads (0: all).
struct DatasetTokenizeResult {
  TokenSequences samples;                       ///< every sample, files in input order
  std::vector<std::uint32_t> samples_per_file;  ///< 0 for a file that failed
  std::vector<std::string> errors;              ///< per file, empty when it was read
};

/// Tokenizes files for a dataset on up to one thread per core, largest first; failed files are
/// reported in errors.
DatasetTokenizeResult tokenize_files_for_dataset(const MusicTokenizer& tokenizer,
                                                 const std::vector<std::string>& paths,
                                                 const DatasetTokenizeOptions& options,
                                                 std::size_t threads = 0);

}  // namespace miditok
