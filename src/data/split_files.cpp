// split_files_for_training's per-file work in C++: read, clean the time signatures, split, mark
// and write the chunks; many files on the thread pool, one bad file never stopping the others.
#include "miditok/data/split_files.h"

#include <algorithm>
#include <exception>
#include <filesystem>

#include "miditok/core/thread_pool.h"
#include "miditok/data/split.h"
#include "miditok/midi/midi_reader.h"
#include "miditok/midi/midi_writer.h"
#include "miditok/preprocess/globals.h"
#include "miditok/score/score_ops.h"

namespace fs = std::filesystem;

namespace miditok {

std::string deepest_common_dir(const std::vector<std::string>& paths) {
  if (paths.empty()) return {};
  // MidiTok walks to the deepest path and fails on mixed depths; stop at the shallowest.
  const fs::path first = fs::path(paths[0]).parent_path();
  std::vector<fs::path> common(first.begin(), first.end());
  for (std::size_t i = 1; i < paths.size(); ++i) {
    const fs::path parent = fs::path(paths[i]).parent_path();
    std::size_t depth = 0;
    for (auto it = parent.begin(); it != parent.end() && depth < common.size(); ++it, ++depth) {
      if (*it != common[depth]) break;
    }
    common.resize(depth);
  }
  fs::path out;
  for (const auto& part : common) out /= part;
  return out.string();
}

void prepare_time_signatures_for_split(Score& score, const SplitFilesOptions& options) {
  if (options.use_time_signatures) {
    filter_time_signatures(score.time_signatures, options.supported_time_signatures);
    ensure_time_signature_at_zero(score.time_signatures);
  } else {
    score.time_signatures.assign(1, TimeSignature{0, 4, 4});
  }
}

std::vector<std::pair<std::string, Score>> split_score_for_files(const Score& score,
                                                                 const std::string& file_path,
                                                                 const SplitFilesOptions& options) {
  std::vector<Score> scores;
  const bool per_track = !options.one_token_stream && score.tracks.size() > 1;
  if (per_track) {
    scores = split_score_per_tracks(score);
  } else {
    scores.push_back(score);
  }
  const fs::path source(file_path);
  const fs::path relative_dir = source.parent_path().lexically_relative(options.root_dir);
  const fs::path out_dir = fs::path(options.save_dir) / relative_dir;
  const std::string stem = source.stem().string();
  const std::string ext = source.extension().string();

  std::vector<std::pair<std::string, Score>> out;
  for (std::size_t ti = 0; ti < scores.size(); ++ti) {
    auto chunks = split_score_per_note_density(scores[ti], options.max_seq_len,
                                               options.average_num_tokens_per_note,
                                               options.num_overlap_bars, options.min_seq_len);
    const std::size_t last = chunks.empty() ? 0 : chunks.size() - 1;
    for (std::size_t i = 0; i < chunks.size(); ++i) {
      Score& chunk = chunks[i];
      // Chunks with no note (only tempo/signature changes) are skipped, as MidiTok does
      if (chunk.tracks.empty() || note_num(chunk) == 0) continue;
      chunk.markers.push_back(TextMeta{0, std::string(kChunkMarkerPrefix) + " " +
                                              std::to_string(i) + "/" + std::to_string(last)});
      const std::string name =
          per_track ? stem + "_t" + std::to_string(ti) + "_" + std::to_string(i) + ext
                    : stem + "_" + std::to_string(i) + ext;
      out.emplace_back((out_dir / name).string(), std::move(chunk));
    }
  }
  return out;
}

SplitFileResult split_score_to_files(const Score& score, const std::string& file_path,
                                     const SplitFilesOptions& options) {
  SplitFileResult result;
  for (auto& [path, chunk] : split_score_for_files(score, file_path, options)) {
    fs::create_directories(fs::path(path).parent_path());
    write_midi_file(chunk, path);
    result.chunk_paths.push_back(std::move(path));
  }
  return result;
}

SplitFileResult split_midi_file(const std::string& file_path, const SplitFilesOptions& options) {
  try {
    Score score = read_midi_file(file_path);
    prepare_time_signatures_for_split(score, options);
    return split_score_to_files(score, file_path, options);
  } catch (const std::exception& err) {
    SplitFileResult failed;
    failed.error = err.what();
    return failed;
  }
}

std::vector<SplitFileResult> split_midi_files(const std::vector<std::string>& files_paths,
                                              const SplitFilesOptions& options,
                                              std::size_t threads) {
  std::vector<SplitFileResult> results(files_paths.size());
  parallel_for(
      files_paths.size(),
      [&](std::size_t i) { results[i] = split_midi_file(files_paths[i], options); }, threads);
  return results;
}

}  // namespace miditok
