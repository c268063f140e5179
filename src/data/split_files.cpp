// split_files_for_training's per-file work in C++: read, clean the time signatures, split, mark
// and write the chunks; many files on the thread pool, one bad file never stopping the others.
#include "miditok/data/split_files.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <memory>
#include <string_view>

#include "miditok/core/error.h"
#include "miditok/core/file_io.h"
#include "miditok/core/thread_pool.h"
#include "miditok/data/encode_files.h"
#include "miditok/data/split.h"
#include "miditok/midi/midi_reader.h"
#include "miditok/midi/midi_writer.h"
#include "miditok/preprocess/globals.h"
#include "miditok/score/score_ops.h"
#include "miditok/tokenizer/training.h"

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

namespace {

// Directory of a file's chunks: save_dir plus the file's directory relative to root_dir.
std::string chunks_dir(const std::string& file_path, const SplitFilesOptions& options) {
  // Most files sit right in root_dir: no path parsing for them
  const std::size_t slash = file_path.rfind('/');
  if (slash != std::string::npos && slash > 0 && !options.root_dir.empty() &&
      options.root_dir.back() != '/' &&
      std::string_view(file_path).substr(0, slash) == options.root_dir) {
    return options.save_dir;
  }
  const fs::path relative = fs::path(file_path).parent_path().lexically_relative(options.root_dir);
  if (relative.empty() || relative == ".") return options.save_dir;
  return (fs::path(options.save_dir) / relative).string();
}

// Calls fn(dir, name, chunk) for each chunk of a prepared score, one chunk alive at a time, with
// the marker and the path (dir + "/" + name) MidiTok gives it.
template <class Fn>
void for_each_chunk(const Score& score, const std::string& file_path,
                    const SplitFilesOptions& options, Fn&& fn) {
  const bool per_track = !options.one_token_stream && score.tracks.size() > 1;
  std::vector<Score> tracks;
  if (per_track) tracks = split_score_per_tracks(score);
  const fs::path source(file_path);
  const std::string dir = chunks_dir(file_path, options);
  const std::string stem = source.stem().string();
  const std::string ext = source.extension().string();
  const std::size_t num_scores = per_track ? tracks.size() : 1;
  thread_local Score chunk;  // its buffers serve chunk after chunk
  for (std::size_t ti = 0; ti < num_scores; ++ti) {
    const Score& whole = per_track ? tracks[ti] : score;
    const auto windows =
        note_density_windows(whole, options.max_seq_len, options.average_num_tokens_per_note,
                             options.num_overlap_bars, options.min_seq_len);
    const std::string last = std::to_string(windows.empty() ? 0 : windows.size() - 1);
    const std::vector<std::uint8_t> order =
        windows.size() > 1 ? tracks_time_order(whole) : std::vector<std::uint8_t>{};
    const std::string prefix = per_track ? stem + "_t" + std::to_string(ti) + "_" : stem + "_";
    std::string name;  // one buffer for the chunk names of the score
    for (std::size_t i = 0; i < windows.size(); ++i) {
      if (windows.size() == 1) {
        chunk = whole;
      } else {
        clip_window(whole, windows[i].first, windows[i].second, chunk, &order);
      }
      // Chunks with no note (only tempo/signature changes) are skipped, as MidiTok does
      if (chunk.tracks.empty() || note_num(chunk) == 0) continue;
      const std::string index = std::to_string(i);
      std::string text;  // "miditok: chunk i/N-1", made in one allocation
      text.reserve(std::strlen(kChunkMarkerPrefix) + index.size() + last.size() + 2);
      text.append(kChunkMarkerPrefix).append(" ").append(index).append("/").append(last);
      chunk.markers.push_back(TextMeta{0, std::move(text)});
      name.assign(prefix).append(index).append(ext);
      fn(dir, name, chunk);
    }
  }
}

}  // namespace

std::vector<std::pair<std::string, Score>> split_score_for_files(const Score& score,
                                                                 const std::string& file_path,
                                                                 const SplitFilesOptions& options) {
  std::vector<std::pair<std::string, Score>> out;
  for_each_chunk(score, file_path, options,
                 [&](const std::string& dir, const std::string& name, const Score& chunk) {
                   out.emplace_back(dir + "/" + name, chunk);
                 });
  return out;
}

SplitFileResult split_score_to_files(const Score& score, const std::string& file_path,
                                     const SplitFilesOptions& options, OutputDirs* dirs,
                                     SpareInodes* spares) {
  OutputDirs own;
  if (dirs == nullptr) dirs = &own;
  SpareInodes own_spares;  // after `own`: deleted while its directories are open
  if (spares == nullptr) spares = &own_spares;
  SplitFileResult result;
  thread_local std::vector<std::uint8_t> bytes;  // capacity reused from chunk to chunk
  // A file's chunks share one directory: opened (looked up in the batch's table) at its first
  // chunk, not per chunk; a file without chunks makes no directory.
  std::unique_ptr<OutputDirFd> dir_fd;
  for_each_chunk(
      score, file_path, options,
      [&](const std::string& dir, const std::string& name, const Score& chunk) {
        write_midi_into(chunk, bytes);
        if (dir_fd == nullptr) dir_fd.reset(new OutputDirFd(dirs->open(dir)));
        // One new directory entry per chunk, whole or absent (an existing chunk is
        // replaced through a spare inode); not flushed to disk one by one: the split
        // cache records each chunk's size.
        const std::string_view view(reinterpret_cast<const char*>(bytes.data()), bytes.size());
        write_output(*dir_fd, dir, name, view, AtomicWriteOptions{.sync = false, .spares = spares},
                     /*expect_new=*/true);
        std::string& path = result.chunk_paths.emplace_back();
        path.reserve(dir.size() + 1 + name.size());
        path.append(dir).append("/").append(name);
        result.chunk_sizes.push_back(bytes.size());
      });
  return result;
}

SplitFileResult split_midi_file(const std::string& file_path, const SplitFilesOptions& options,
                                OutputDirs* dirs, SpareInodes* spares) {
  try {
    Score score = read_midi_file(file_path);
    prepare_time_signatures_for_split(score, options);
    return split_score_to_files(score, file_path, options, dirs, spares);
  } catch (const std::exception& err) {
    SplitFileResult failed;
    failed.error = err.what();
    if (failed.error.empty()) failed.error = "unknown error";
    return failed;
  }
}

std::vector<SplitFileResult> split_midi_files(const std::vector<std::string>& files_paths,
                                              const SplitFilesOptions& options,
                                              std::size_t threads) {
  OutputDirs dirs;     // each output directory created and opened once for the batch
  SpareInodes spares;  // replaced chunks' inodes, reused (deleted before `dirs` closes)
  dirs.stage(options.save_dir);
  std::vector<SplitFileResult> results =
      split_midi_files(files_paths, options, threads, dirs, spares);
  spares.clear();
  dirs.commit();
  return results;
}

std::vector<SplitFileResult> split_midi_files(const std::vector<std::string>& files_paths,
                                              const SplitFilesOptions& options, std::size_t threads,
                                              OutputDirs& dirs, SpareInodes& spares) {
  std::vector<SplitFileResult> results(files_paths.size());
  // Largest first, so that the batch does not end waiting on one long file
  const std::vector<std::size_t> order = largest_first(files_paths);
  parallel_for(
      order.size(),
      [&](std::size_t k) {
        results[order[k]] = split_midi_file(files_paths[order[k]], options, &dirs, &spares);
      },
      threads);
  return results;
}

std::vector<double> tokens_per_note_ratios(const MusicTokenizer& tokenizer,
                                           const HfTokenizer* model,
                                           const std::vector<std::string>& paths,
                                           std::size_t threads) {
  std::vector<std::vector<double>> per_file(paths.size());
  const bool one_stream = tokenizer.one_token_stream();
  for_each_file(
      paths,
      [&](std::size_t i) {
        const Score score = read_music_file(paths[i]);
        // Only the lengths are needed: ids without token strings (the model encodes ids)
        std::vector<TokSequence> seqs =
            tokenizer.encode(score, /*no_preprocess_score=*/false, /*with_tokens=*/false);
        if (model != nullptr) {
          for (TokSequence& seq : seqs) encode_token_ids(tokenizer, *model, seq);
        }
        std::vector<double>& ratios = per_file[i];
        if (one_stream) {
          const std::size_t notes = note_num(score);
          if (notes > 0 && !seqs.empty()) {
            ratios.push_back(static_cast<double>(seqs[0].size()) / static_cast<double>(notes));
          }
          return;
        }
        // One sequence per track of the raw score, paired in order (the shorter list wins)
        for (std::size_t t = 0; t < std::min(score.tracks.size(), seqs.size()); ++t) {
          const std::size_t notes = score.tracks[t].notes.size();
          if (notes > 0) {
            ratios.push_back(static_cast<double>(seqs[t].size()) / static_cast<double>(notes));
          }
        }
      },
      threads);
  std::vector<double> out;
  for (const auto& ratios : per_file) out.insert(out.end(), ratios.begin(), ratios.end());
  return out;
}

}  // namespace miditok
