// Batch tokenization of files on the thread pool (see encode_files.h).
#include "miditok/data/encode_files.h"

#include <algorithm>
#include <exception>
#include <filesystem>
#include <system_error>

#include "miditok/core/thread_pool.h"
#include "miditok/midi/abc.h"
#include "miditok/midi/midi_reader.h"
#include "miditok/tokenizer/training.h"

namespace miditok {

bool is_abc_path(const std::string& path) {
  if (path.size() < 4) return false;
  const std::string ext = path.substr(path.size() - 4);
  return ext == ".abc" || ext == ".ABC";
}

Score read_music_file(const std::string& path) {
  return is_abc_path(path) ? read_abc_file(path) : read_midi_file(path);
}

std::vector<std::size_t> largest_first(const std::vector<std::string>& paths) {
  std::vector<std::uintmax_t> sizes(paths.size(), 0);
  for (std::size_t i = 0; i < paths.size(); ++i) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(paths[i], ec);
    if (!ec) sizes[i] = size;
  }
  std::vector<std::size_t> order(paths.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return sizes[a] > sizes[b]; });
  return order;
}

std::vector<TokSequence> encode_with_model(const MusicTokenizer& tokenizer,
                                           const HfTokenizer* model, const Score& score) {
  std::vector<TokSequence> seqs = tokenizer.encode(score);
  if (model != nullptr) {
    for (TokSequence& seq : seqs) encode_token_ids(tokenizer, *model, seq);
  }
  return seqs;
}

EncodeFilesResult encode_files(const MusicTokenizer& tokenizer, const HfTokenizer* model,
                               const std::vector<std::string>& paths, std::size_t threads,
                               std::atomic<std::size_t>* done) {
  EncodeFilesResult result;
  result.ids.resize(paths.size());
  result.errors.resize(paths.size());
  result.ok.assign(paths.size(), 0);
  const std::vector<std::size_t> order = largest_first(paths);
  parallel_for(
      order.size(),
      [&](std::size_t k) {
        const std::size_t i = order[k];
        try {
          std::vector<TokSequence> seqs =
              encode_with_model(tokenizer, model, read_music_file(paths[i]));
          result.ids[i].reserve(seqs.size());
          for (TokSequence& seq : seqs) result.ids[i].push_back(std::move(seq.ids));
          result.ok[i] = 1;
        } catch (const std::exception& err) {
          result.ids[i].clear();
          result.errors[i] = err.what();
          if (result.errors[i].empty()) result.errors[i] = "unknown error";
        }
        if (done != nullptr) done->fetch_add(1, std::memory_order_relaxed);
      },
      threads);
  return result;
}

}  // namespace miditok
