// Token files as MidiTok writes them (save_tokens, tokenize_dataset): one JSON document per music
// file, {"ids": ..., "ids_encoded": ..., "programs": ...} in Python's json.dump layout, at
// out_dir / <the file's folder relative to the dataset root> / <stem>.json. Many files are read,
// tokenized and written on the thread pool; a file that fails is reported, never thrown.
#pragma once

#include <atomic>
#include <cstddef>
#include <filesystem>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "miditok/models/hf_tokenizer.h"
#include "miditok/score/score.h"
#include "miditok/tokenizer/music_tokenizer.h"

namespace miditok {

/// (program, is_drum) of each track, as MidiTok's get_score_programs.
std::vector<std::pair<int, bool>> score_programs(const Score& score);

/// MidiTok's token file of encoded sequences (one stream: the first; else one list per track).
std::string token_file_json(const std::vector<TokSequence>& seqs, bool one_token_stream,
                            const std::vector<std::pair<int, bool>>* programs = nullptr);

/// out_dir / (resolved parent of `source` relative to `root`) / <stem>.json (IoError if outside).
std::filesystem::path token_file_path(const std::string& source, const std::filesystem::path& root,
                                      const std::filesystem::path& out_dir);

/// token_file_path for the many files of a batch: each input folder is resolved once (then one
/// lstat per file tells whether the file itself is a symlink, resolved on its own). Thread-safe.
class TokenFilePaths {
 public:
  std::filesystem::path operator()(const std::string& source, const std::filesystem::path& root,
                                   const std::filesystem::path& out_dir);
  /// weakly_canonical(absolute(source)), through the cache of resolved folders.
  std::filesystem::path resolved(const std::string& source);

 private:
  std::filesystem::path resolved_dir(const std::filesystem::path& absolute_dir);
  std::mutex mutex_;
  std::unordered_map<std::string, std::filesystem::path> dirs_;
};

/// Where and how tokenize_dataset writes its files.
struct TokenFilesOptions {
  std::filesystem::path root_dir;  ///< resolved deepest common folder of the inputs
  std::filesystem::path out_dir;
  bool overwrite = true;  ///< else an existing file gets a new name <stem>_<i>.json
  bool save_programs = false;
};

/// Per input file: the JSON file written, or the error that skipped it.
struct TokenFilesResult {
  std::vector<std::string> written;  ///< empty for a file that failed
  std::vector<std::string> errors;   ///< empty for a file written
};

/// Tokenizes files (or the given scores, parallel to paths, when not null) into token files on
/// `threads` threads (0: all), with the trained model when given; `done` counts finished files.
TokenFilesResult write_token_files(const MusicTokenizer& tokenizer, const HfTokenizer* model,
                                   const std::vector<std::string>& paths,
                                   const std::vector<const Score*>& scores,
                                   const TokenFilesOptions& options, std::size_t threads = 0,
                                   std::atomic<std::size_t>* done = nullptr);

}  // namespace miditok
