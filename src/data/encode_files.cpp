// Batch tokenization of files on the thread pool (see encode_files.h).
#include "miditok/data/encode_files.h"

#include <algorithm>
#include <exception>
#include <filesystem>
#include <span>
#include <string>
#include <system_error>

#include "miditok/core/error.h"
#include "miditok/core/thread_pool.h"
#include "miditok/midi/abc.h"
#include "miditok/midi/midi_reader.h"
#include "miditok/preprocess/time_grid.h"
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
  // The model reads the sequences' tokens in some modes (MMM's track starts): made only for it.
  std::vector<TokSequence> seqs =
      tokenizer.encode(score, /*no_preprocess_score=*/false, /*with_tokens=*/model != nullptr);
  if (model != nullptr) {
    for (TokSequence& seq : seqs) encode_token_ids(tokenizer, *model, seq);
  }
  return seqs;
}

std::vector<TokSequence> encode_with_random_acs(const MusicTokenizer& tokenizer,
                                                const HfTokenizer* model, const Score& score,
                                                const RandomAcOptions& acs, std::uint64_t seed) {
  const Score preprocessed = tokenizer.preprocess_score(score);
  const std::vector<tick_t> bars = get_bars_ticks(preprocessed, /*only_notes_onsets=*/true);
  const AcIndexes indexes = create_random_ac_indexes(preprocessed, tokenizer.attribute_controls(),
                                                     acs.tracks_ratio, acs.bars_ratio, bars, seed);
  std::vector<TokSequence> seqs =
      tokenizer.encode(preprocessed, /*no_preprocess_score=*/true, /*with_tokens=*/true, indexes);
  if (model != nullptr) {
    for (TokSequence& seq : seqs) encode_token_ids(tokenizer, *model, seq);
  }
  return seqs;
}

std::vector<std::string> for_each_index(const std::vector<std::size_t>& order,
                                        const std::function<void(std::size_t)>& fn,
                                        std::size_t threads, std::atomic<std::size_t>* done) {
  std::vector<std::string> errors(order.size());
  parallel_for(
      order.size(),
      [&](std::size_t k) {
        const std::size_t i = order[k];
        try {
          fn(i);
        } catch (const std::exception& err) {
          errors[i] = err.what();
          if (errors[i].empty()) errors[i] = "unknown error";
        }
        if (done != nullptr) done->fetch_add(1, std::memory_order_relaxed);
      },
      threads);
  return errors;
}

std::vector<std::string> for_each_file(const std::vector<std::string>& paths,
                                       const std::function<void(std::size_t)>& fn,
                                       std::size_t threads, std::atomic<std::size_t>* done) {
  return for_each_index(largest_first(paths), fn, threads, done);
}

namespace {

// Stores the ids of file i's sequences into the result.
void keep_ids(EncodeFilesResult& result, std::size_t i, std::vector<TokSequence> seqs) {
  std::vector<std::vector<token_id_t>> ids;
  ids.reserve(seqs.size());
  for (TokSequence& seq : seqs) ids.push_back(std::move(seq.ids));
  result.ids[i] = std::move(ids);
  result.ok[i] = 1;
}

EncodeFilesResult empty_result(std::size_t n) {
  EncodeFilesResult result;
  result.ids.resize(n);
  result.ok.assign(n, 0);
  return result;
}

}  // namespace

EncodeFilesResult encode_files(const MusicTokenizer& tokenizer, const HfTokenizer* model,
                               const std::vector<std::string>& paths, std::size_t threads,
                               std::atomic<std::size_t>* done, const RandomAcOptions* acs) {
  if (acs != nullptr && acs->seeds.size() != paths.size()) {
    throw ConfigError("encode_files: " + std::to_string(acs->seeds.size()) + " seeds for " +
                      std::to_string(paths.size()) + " files (one per file with random controls)");
  }
  EncodeFilesResult result = empty_result(paths.size());
  result.errors = for_each_file(
      paths,
      [&](std::size_t i) {
        const Score score = read_music_file(paths[i]);
        keep_ids(result, i,
                 acs == nullptr
                     ? encode_with_model(tokenizer, model, score)
                     : encode_with_random_acs(tokenizer, model, score, *acs, acs->seeds[i]));
      },
      threads, done);
  return result;
}

EncodeFilesResult encode_buffers(const MusicTokenizer& tokenizer, const HfTokenizer* model,
                                 const std::vector<std::string_view>& buffers,
                                 const std::vector<std::string>& names, std::size_t threads,
                                 std::atomic<std::size_t>* done) {
  if (buffers.size() != names.size()) {
    throw ConfigError("encode_buffers: " + std::to_string(buffers.size()) + " buffers for " +
                      std::to_string(names.size()) + " names");
  }
  std::vector<std::size_t> order(buffers.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return buffers[a].size() > buffers[b].size();
  });
  EncodeFilesResult result = empty_result(buffers.size());
  result.errors = for_each_index(
      order,
      [&](std::size_t i) {
        const std::string_view data = buffers[i];
        const Score score =
            is_abc_path(names[i])
                ? read_abc(data)
                : read_midi(std::span<const std::uint8_t>(
                                reinterpret_cast<const std::uint8_t*>(data.data()), data.size()),
                            names[i]);
        keep_ids(result, i, encode_with_model(tokenizer, model, score));
      },
      threads, done);
  return result;
}

}  // namespace miditok
