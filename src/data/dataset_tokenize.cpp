// DatasetMIDI's tokenization in C++ (MidiTok's _tokenize_score and _preprocess_token_ids).
#include "miditok/data/dataset_tokenize.h"

#include <algorithm>
#include <charconv>
#include <exception>
#include <string>
#include <string_view>

#include "miditok/core/error.h"
#include "miditok/core/thread_pool.h"
#include "miditok/data/encode_files.h"
#include "miditok/data/split_files.h"
#include "miditok/preprocess/time_grid.h"

namespace miditok {

std::pair<bool, bool> chunk_bos_eos(const Score& score) {
  bool add_bos = true;
  bool add_eos = true;
  const std::string_view prefix = kChunkMarkerPrefix;
  for (const TextMeta& marker : score.markers) {
    if (marker.time != 0) break;
    const std::string_view text = marker.text;
    if (text.substr(0, prefix.size()) != prefix) continue;
    // "miditok: chunk i/N": the last space-separated word is "i/N"
    const std::string_view last = text.substr(text.rfind(' ') + 1);
    const auto slash = last.find('/');
    if (slash == std::string_view::npos) continue;
    long id = 0;
    long id_last = 0;
    const auto r1 = std::from_chars(last.data(), last.data() + slash, id);
    const auto r2 = std::from_chars(last.data() + slash + 1, last.data() + last.size(), id_last);
    if (r1.ec != std::errc() || r2.ec != std::errc() || r1.ptr != last.data() + slash ||
        r2.ptr != last.data() + last.size()) {
      continue;
    }
    add_bos = id == 0;
    add_eos = id == id_last;
  }
  return {add_bos, add_eos};
}

void cut_and_add_specials(std::vector<token_id_t>& ids, int max_seq_len,
                          std::optional<token_id_t> bos, std::optional<token_id_t> eos) {
  if (ids.empty()) return;
  const long room = static_cast<long>(max_seq_len) - bos.has_value() - eos.has_value();
  if (static_cast<long>(ids.size()) > room) {
    ids.resize(static_cast<std::size_t>(std::max(room, 0L)));
    eos.reset();  // a cut sequence does not end
  }
  if (bos) ids.insert(ids.begin(), *bos);
  if (eos) ids.push_back(*eos);
}

void tokenize_score_for_dataset(const MusicTokenizer& tokenizer, const Score& score,
                                const DatasetTokenizeOptions& options, TokenSequences& out,
                                std::uint64_t ac_seed) {
  const Score preprocessed = tokenizer.preprocess_score(score);
  AcIndexes ac_indexes;
  if (options.ac_tracks_ratio || options.ac_bars_ratio) {
    // DatasetMIDI's _tokenize_score: random controls drawn on the preprocessed score
    const std::vector<tick_t> bars = get_bars_ticks(preprocessed, /*only_notes_onsets=*/true);
    ac_indexes =
        create_random_ac_indexes(preprocessed, tokenizer.attribute_controls(),
                                 options.ac_tracks_ratio, options.ac_bars_ratio, bars, ac_seed);
  }
  auto seqs = tokenizer.encode(preprocessed, /*no_preprocess_score=*/true, /*with_tokens=*/true,
                               ac_indexes);
  const auto [add_bos, add_eos] = chunk_bos_eos(preprocessed);
  const std::optional<token_id_t> bos = add_bos ? options.bos_token_id : std::nullopt;
  const std::optional<token_id_t> eos = add_eos ? options.eos_token_id : std::nullopt;
  const std::size_t n = (tokenizer.one_token_stream() || options.all_tracks)
                            ? seqs.size()
                            : std::min<std::size_t>(seqs.size(), 1);
  for (std::size_t i = 0; i < n; ++i) {
    cut_and_add_specials(seqs[i].ids, options.max_seq_len, bos, eos);
    out.push_back(seqs[i].ids);
  }
}

DatasetTokenizeResult tokenize_files_for_dataset(const MusicTokenizer& tokenizer,
                                                 const std::vector<std::string>& paths,
                                                 const DatasetTokenizeOptions& options,
                                                 std::size_t threads) {
  const bool with_acs = options.ac_tracks_ratio || options.ac_bars_ratio;
  if (with_acs && options.ac_seeds.size() != paths.size()) {
    throw ConfigError("tokenize_files_for_dataset: ac_seeds holds " +
                      std::to_string(options.ac_seeds.size()) + " seeds for " +
                      std::to_string(paths.size()) + " files (one per file with random controls)");
  }
  std::vector<TokenSequences> per_file(paths.size());
  DatasetTokenizeResult result;
  // No more threads than cores: the work is CPU-bound and each extra thread only adds its own
  // heap arena to the peak memory.
  const std::size_t cores = num_threads();
  result.errors = for_each_file(
      paths,
      [&](std::size_t i) {
        TokenSequences samples;
        tokenize_score_for_dataset(tokenizer, read_music_file(paths[i]), options, samples,
                                   with_acs ? options.ac_seeds[i] : 0);
        per_file[i] = std::move(samples);
      },
      threads == 0 ? cores : std::min(threads, cores));
  result.samples_per_file.reserve(paths.size());
  for (auto& samples : per_file) {
    result.samples_per_file.push_back(static_cast<std::uint32_t>(samples.size()));
    for (std::size_t s = 0; s < samples.size(); ++s) result.samples.push_back(samples[s]);
    samples = TokenSequences();  // freed as it is copied: the peak stays near one copy
  }
  return result;
}

}  // namespace miditok
