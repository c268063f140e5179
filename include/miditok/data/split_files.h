// Splitting music files into chunk files for training (split_files_for_training's per-file work):
// time-signature cleanup, per-track split for multi-stream tokenizers, note-density split, the
// `miditok: chunk i/N-1` marker, and chunk files named and placed as MidiTok does, in threads.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "miditok/core/file_io.h"
#include "miditok/core/output_dirs.h"
#include "miditok/models/hf_tokenizer.h"
#include "miditok/score/score.h"
#include "miditok/tokenizer/music_tokenizer.h"

namespace miditok {

/// What split_files_for_training needs from the tokenizer and the call, as plain values.
struct SplitFilesOptions {
  std::string save_dir;  ///< output directory
  std::string root_dir;  ///< input directory whose tree is replicated under save_dir
  int max_seq_len = 1024;
  double average_num_tokens_per_note = 1.0;
  int num_overlap_bars = 1;
  std::optional<int> min_seq_len;
  bool one_token_stream = true;     ///< false: each track is split on its own
  bool use_time_signatures = true;  ///< false: the TS are replaced by one 4/4
  std::vector<std::pair<int, int>> supported_time_signatures;  ///< (numerator, denominator)
};

/// Outcome of splitting one file: the chunk paths written, or the error that made it skip.
struct SplitFileResult {
  std::vector<std::string> chunk_paths;
  std::vector<std::size_t> chunk_sizes;  ///< bytes of each chunk file, as chunk_paths
  std::string error;                     ///< empty when the file was read and split
};

/// Prefix of the marker text that numbers a chunk ("miditok: chunk i/N-1").
inline constexpr const char* kChunkMarkerPrefix = "miditok: chunk";

/// The deepest directory holding every path (paths must be absolute; mixed depths allowed).
std::string deepest_common_dir(const std::vector<std::string>& paths);

/// MidiTok's time-signature cleanup before splitting (unsupported TS removed, 4/4 at tick 0).
void prepare_time_signatures_for_split(Score& score, const SplitFilesOptions& options);

/// The chunks of a prepared score with the paths MidiTok gives them (marker added, none written).
std::vector<std::pair<std::string, Score>> split_score_for_files(const Score& score,
                                                                 const std::string& file_path,
                                                                 const SplitFilesOptions& options);

/// Splits a prepared score and writes its chunks (MIDI) for the file at file_path, each a new
/// directory entry, whole or absent (write_new_file_at); the directories are opened through
/// `dirs` when given (kept open for the next files), else once for this file; chunks that exist
/// already are replaced through `spares` (the batch's, which must die before `dirs`), else
/// through this file's own.
SplitFileResult split_score_to_files(const Score& score, const std::string& file_path,
                                     const SplitFilesOptions& options, OutputDirs* dirs = nullptr,
                                     SpareInodes* spares = nullptr);

/// Reads, prepares, splits and writes one MIDI file; errors are returned, never thrown.
SplitFileResult split_midi_file(const std::string& file_path, const SplitFilesOptions& options,
                                OutputDirs* dirs = nullptr, SpareInodes* spares = nullptr);

/// split_midi_file over many files on `threads` threads (0: all); results in input order. Each
/// output directory is created and opened once for the batch; a save_dir that does not exist or
/// is empty is staged and put in place at the end (OutputDirs::stage, commit).
std::vector<SplitFileResult> split_midi_files(const std::vector<std::string>& files_paths,
                                              const SplitFilesOptions& options,
                                              std::size_t threads = 0);
/// split_midi_files writing through a longer batch's directories and spares (several calls, then
/// spares.clear() and dirs.commit() by the caller).
std::vector<SplitFileResult> split_midi_files(const std::vector<std::string>& files_paths,
                                              const SplitFilesOptions& options, std::size_t threads,
                                              OutputDirs& dirs, SpareInodes& spares);

/// MidiTok's get_average_num_tokens_per_note terms, on threads: per file (per track when not
/// one_token_stream), tokens (with `model` when given) / notes of the raw score, for those with
/// notes, in input order; files that fail to load or encode are skipped.
std::vector<double> tokens_per_note_ratios(const MusicTokenizer& tokenizer,
                                           const HfTokenizer* model,
                                           const std::vector<std::string>& paths,
                                           std::size_t threads = 0);

}  // namespace miditok
