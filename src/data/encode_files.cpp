// Batch tokenization of files on the thread pool (see encode_files.h).
#include "miditok/data/encode_files.h"

#include <algorithm>
#include <exception>
#include <filesystem>
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
  std::vector<TokSequence> seqs = tokenizer.encode(score);
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

std::vector<std::string> for_each_file(const std::vector<std::string>& paths,
                                       const std::function<void(std::size_t)>& fn,
                                       std::size_t threads, std::atomic<std::size_t>* done) {
  std::vector<std::string> errors(paths.size());
  const std::vector<std::size_t> order = largest_first(paths);
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

EncodeFilesResult encode_files(const MusicTokenizer& tokenizer, const HfTokenizer* model,
                               const std::vector<std::string>& paths, std::size_t threads,
                               std::atomic<std::size_t>* done, const RandomAcOptions* acs) {
  if (acs != nullptr && acs->seeds.size() != paths.size()) {
    throw ConfigError("encode_files: " + std::to_string(acs->seeds.size()) + " seeds for " +
                      std::to_string(paths.size()) + " files (one per file with random controls)");
  }
  EncodeFilesResult result;
  result.ids.resize(paths.size());
  result.ok.assign(paths.size(), 0);
  result.errors = for_each_file(
      paths,
      [&](std::size_t i) {
        const Score score = read_music_file(paths[i]);
        std::vector<TokSequence> seqs =
            acs == nullptr ? encode_with_model(tokenizer, model, score)
                           : encode_with_random_acs(tokenizer, model, score, *acs, acs->seeds[i]);
        std::vector<std::vector<token_id_t>> ids;
        ids.reserve(seqs.size());
        for (TokSequence& seq : seqs) ids.push_back(std::move(seq.ids));
        result.ids[i] = std::move(ids);
        result.ok[i] = 1;
      },
      threads, done);
  return result;
}

}  // namespace miditok
