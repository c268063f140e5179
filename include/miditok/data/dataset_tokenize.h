// Tokenization of music files for DatasetMIDI: read, preprocess, encode, cut to max_seq_len and
// add BOS/EOS following the chunk marker that split_files_for_training writes. Many files run on
// the thread pool into one flat buffer of samples; a file that fails is reported, never thrown.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "miditok/attribute_controls/attribute_controls.h"
#include "miditok/core/types.h"
#include "miditok/data/token_sequences.h"
#include "miditok/score/score.h"
#include "miditok/tokenizer/music_tokenizer.h"

namespace miditok {

/// How DatasetMIDI cuts and completes the sequences of a file.
struct DatasetTokenizeOptions {
  int max_seq_len = 1024;
  std::optional<token_id_t> bos_token_id;
  std::optional<token_id_t> eos_token_id;
  bool all_tracks = true;  ///< multi-stream: every track is a sample (else only the first)
  /// Random attribute controls (DatasetMIDI's ac_*_random_ratio_range): ratio ranges of the
  /// track-level controls and of the bars; none set: no control.
  std::optional<RatioRange> ac_tracks_ratio;
  std::optional<RatioRange> ac_bars_ratio;
  /// tokenize_files_for_dataset: the seed of each file's random controls (one per file).
  std::vector<std::uint64_t> ac_seeds;
};

/// Whether to add BOS and EOS to a file's sequences, from a `miditok: chunk i/N` marker at tick 0.
std::pair<bool, bool> chunk_bos_eos(const Score& score);

/// Cuts ids to fit max_seq_len with the specials (EOS left out when cut) and adds BOS/EOS.
void cut_and_add_specials(std::vector<token_id_t>& ids, int max_seq_len,
                          std::optional<token_id_t> bos, std::optional<token_id_t> eos);

/// The samples of one score (preprocessed, encoded with the random attribute controls of
/// `ac_seed` when options asks for some, cut, BOS/EOS) appended to out.
void tokenize_score_for_dataset(const MusicTokenizer& tokenizer, const Score& score,
                                const DatasetTokenizeOptions& options, TokenSequences& out,
                                std::uint64_t ac_seed = 0);

/// The samples of many music files (MIDI, ABC), tokenized on `threads` threads (0: all).
struct DatasetTokenizeResult {
  TokenSequences samples;                       ///< every sample, files in input order
  std::vector<std::uint32_t> samples_per_file;  ///< 0 for a file that failed
  std::vector<std::string> errors;              ///< per file, empty when it was read
};

/// Tokenizes files for a dataset on up to one thread per core, largest first; failed files are
/// reported in errors. With random attribute controls, options.ac_seeds holds one seed per file
/// (ConfigError otherwise), so the samples do not depend on the threads.
DatasetTokenizeResult tokenize_files_for_dataset(const MusicTokenizer& tokenizer,
                                                 const std::vector<std::string>& paths,
                                                 const DatasetTokenizeOptions& options,
                                                 std::size_t threads = 0);

}  // namespace miditok
