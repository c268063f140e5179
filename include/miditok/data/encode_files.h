// Batch tokenization of music files: each file (MIDI, or ABC by its .abc extension) is read,
// encoded and, when the tokenizer is trained, encoded again with its BPE/Unigram/WordPiece model,
// all inside the worker threads. Files run largest first so that the batch does not end waiting
// on one long file; a file that fails is reported, never thrown.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "miditok/attribute_controls/attribute_controls.h"
#include "miditok/core/types.h"
#include "miditok/models/hf_tokenizer.h"
#include "miditok/score/score.h"
#include "miditok/tokenizer/music_tokenizer.h"

namespace miditok {

/// True when `path` ends with .abc or .ABC (MidiTok's ABC extensions).
bool is_abc_path(const std::string& path);

/// Reads a MIDI file, or an ABC file when `path` ends with .abc / .ABC, into a Score.
Score read_music_file(const std::string& path);

/// Indexes of `paths` ordered by decreasing file size (unreadable files last, input order kept).
std::vector<std::size_t> largest_first(const std::vector<std::string>& paths);

/// Runs fn(order[k]) for each k on `threads` threads (0: all): what fn(i) throws becomes the
/// i-th error (empty when fn(i) returned); `done` counts finished items.
std::vector<std::string> for_each_index(const std::vector<std::size_t>& order,
                                        const std::function<void(std::size_t)>& fn,
                                        std::size_t threads = 0,
                                        std::atomic<std::size_t>* done = nullptr);

/// Runs fn(i) for each file of `paths`, largest first, on `threads` threads (0: all): what fn(i)
/// throws becomes the i-th error (empty when fn(i) returned); `done` counts finished files.
std::vector<std::string> for_each_file(const std::vector<std::string>& paths,
                                       const std::function<void(std::size_t)>& fn,
                                       std::size_t threads = 0,
                                       std::atomic<std::size_t>* done = nullptr);

/// Tokenizes a score as MusicTokenizer::encode, then with `model` when given (ids encoded).
/// Without a model only the ids and events are filled (no token strings: what token files need).
std::vector<TokSequence> encode_with_model(const MusicTokenizer& tokenizer,
                                           const HfTokenizer* model, const Score& score);

/// The ids of many files: per file, one id vector per sequence (track or stream).
struct EncodeFilesResult {
  std::vector<std::vector<std::vector<token_id_t>>> ids;  ///< empty for a file that failed
  std::vector<std::string> errors;                        ///< per file, empty when encoded
  std::vector<char> ok;                                   ///< 1 when the file was encoded
};

/// Random attribute controls for a batch: ratio ranges (as DatasetMIDI's
/// ac_*_random_ratio_range) and the seed of each file's draw.
struct RandomAcOptions {
  std::optional<RatioRange> tracks_ratio;
  std::optional<RatioRange> bars_ratio;
  std::vector<std::uint64_t> seeds;  ///< one per file
};

/// Tokenizes a score with random attribute controls drawn from `seed` on its preprocessed form
/// (create_random_ac_indexes), then with `model` when given.
std::vector<TokSequence> encode_with_random_acs(const MusicTokenizer& tokenizer,
                                                const HfTokenizer* model, const Score& score,
                                                const RandomAcOptions& acs, std::uint64_t seed);

/// Encodes files on `threads` threads (0: all), largest first; `done` counts finished files.
/// With `acs`, each file gets random attribute controls from its seed (ConfigError when
/// acs->seeds does not hold one seed per file).
EncodeFilesResult encode_files(const MusicTokenizer& tokenizer, const HfTokenizer* model,
                               const std::vector<std::string>& paths, std::size_t threads = 0,
                               std::atomic<std::size_t>* done = nullptr,
                               const RandomAcOptions* acs = nullptr);

/// encode_files over contents already in memory (no file is read): buffer i is MIDI, or ABC when
/// names[i] ends with .abc; names[i] names it in its error. The buffers must outlive the call.
EncodeFilesResult encode_buffers(const MusicTokenizer& tokenizer, const HfTokenizer* model,
                                 const std::vector<std::string_view>& buffers,
                                 const std::vector<std::string>& names, std::size_t threads = 0,
                                 std::atomic<std::size_t>* done = nullptr);

}  // namespace miditok
