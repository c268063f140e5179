// The token store: pre-tokenized documents on disk, readable without miditok. A directory holds
// numpy .npy shards (shard-NNNNNN.ids.npy: the ids of many documents back to back in the narrowest
// unsigned dtype that holds the vocabulary; shard-NNNNNN.offsets.npy: int64, one more than the
// shard's documents, document d is ids[offsets[d]:offsets[d + 1]]) and manifest.json (format name
// and version, tokenizer hash, dtype, counts, the shards, and per source file its path, document
// count and error). np.load(shard, mmap_mode="r") reads a shard; TokenStore maps them.
//
// Writing streams: paths are taken and files encoded in rounds on the thread pool, shards are
// flushed as they fill and the manifest's per-file entries wait in a temporary file, so memory
// does not grow with the number of files. Appending adds shards and rewrites the
// manifest (temp file then rename); existing shards are never rewritten. Reading validates every
// header, size and offset against the manifest: a truncated or foreign store raises IoError.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "miditok/models/hf_tokenizer.h"
#include "miditok/tokenizer/music_tokenizer.h"

namespace miditok {

/// Name and version written in (and required from) manifest.json.
inline constexpr const char* kTokenStoreFormat = "miditok-token-store";
inline constexpr int kTokenStoreVersion = 1;
inline constexpr const char* kTokenStoreManifest = "manifest.json";

/// How tokenize_to_store works.
struct TokenStoreOptions {
  std::uint64_t shard_tokens = std::uint64_t{1} << 24;  ///< a shard is flushed past this many ids
  std::size_t threads = 0;                              ///< encoding threads (0: all cores)
  std::size_t files_per_round = 0;           ///< files encoded between flushes (0: 64 per thread)
  std::atomic<std::size_t>* done = nullptr;  ///< when set, counts the files finished (progress)
};

/// What one tokenize_to_store call added.
struct TokenStoreReport {
  std::size_t files = 0;      ///< files given
  std::size_t failed = 0;     ///< files that could not be tokenized (listed in errors)
  std::size_t documents = 0;  ///< documents added (one per token stream)
  std::uint64_t tokens = 0;   ///< ids added
  std::size_t shards = 0;     ///< shards written
  std::vector<std::pair<std::size_t, std::string>> errors;  ///< (index in paths, message)
};

/// The paths of a tokenize_to_store call, taken a round at a time: fetch(start, n) gives the n
/// paths from index start (a caller holding them elsewhere, a Python list, converts one round).
struct PathSource {
  std::size_t count = 0;
  std::function<std::vector<std::string>(std::size_t start, std::size_t n)> fetch;
};

/// The hash naming what determines the ids: "fnv1a64:<16 hex digits>" of the tokenizer's params
/// JSON (keys sorted, compact, the three *_version keys left out) followed, for a trained
/// tokenizer, by a newline and the model's HF JSON.
std::string tokenizer_hash(const MusicTokenizer& tokenizer, const HfTokenizer* model);

/// The numpy dtype of ids below vocab_size: "|u1", "<u2" or "<u4".
std::string narrowest_id_dtype(std::size_t vocab_size);

/// Tokenizes music files (MIDI, or ABC by extension) into the store at out_dir, created when
/// missing, appended to when it exists (ConfigError when it was written with another tokenizer;
/// IoError when it is damaged). Failed files are recorded in the manifest and the report.
/// Multi-vocabulary tokenizers are refused (ConfigError). One writer per store at a time.
TokenStoreReport tokenize_to_store(const MusicTokenizer& tokenizer, const HfTokenizer* model,
                                   const std::vector<std::string>& paths,
                                   const std::string& out_dir,
                                   const TokenStoreOptions& options = {});
/// tokenize_to_store of paths given a round at a time (errors' indexes count from 0 in them).
TokenStoreReport tokenize_to_store(const MusicTokenizer& tokenizer, const HfTokenizer* model,
                                   const PathSource& paths, const std::string& out_dir,
                                   const TokenStoreOptions& options = {});

/// tokenize_to_store over file contents already in memory (encode_buffers): buffer i is recorded
/// in the manifest as names[i] (its extension picks ABC). The buffers must outlive the call.
TokenStoreReport tokenize_buffers_to_store(const MusicTokenizer& tokenizer,
                                           const HfTokenizer* model,
                                           const std::vector<std::string_view>& buffers,
                                           const std::vector<std::string>& names,
                                           const std::string& out_dir,
                                           const TokenStoreOptions& options = {});

/// Moves the shards of the stores `parts` (written by tokenize_to_store with one tokenizer),
/// in that order, into the store at out_dir (created when missing, appended to when it exists),
/// renumbered after its shards, with their files' entries; the manifest is written last, so
/// out_dir gains all of them or none (ConfigError when a part has another tokenizer). The part
/// directories are left without their shards. The report counts what was added.
TokenStoreReport merge_token_stores(const std::string& out_dir,
                                    const std::vector<std::string>& parts);

/// A token store opened for reading: the shards are memory-mapped, nothing is loaded.
class TokenStore {
 public:
  /// Opens and validates the store at dir (IoError naming the file when it is not a whole
  /// token store of this format version).
  explicit TokenStore(const std::string& dir);
  ~TokenStore();
  TokenStore(TokenStore&&) noexcept;
  TokenStore& operator=(TokenStore&&) noexcept;
  TokenStore(const TokenStore&) = delete;
  TokenStore& operator=(const TokenStore&) = delete;

  /// Number of documents.
  std::size_t size() const;
  /// Number of ids over all documents.
  std::uint64_t num_tokens() const;
  /// The ids' numpy dtype ("|u1", "<u2", "<u4") and its size in bytes.
  const std::string& dtype() const;
  std::size_t item_size() const;
  /// The manifest's tokenizer hash and vocabulary size.
  const std::string& tokenizer_hash() const;
  std::size_t vocab_size() const;
  /// The directory.
  const std::string& dir() const;

  /// Document i in the map: its first id (of dtype()) and its number of ids.
  std::pair<const void*, std::size_t> raw(std::size_t i) const;
  /// The ids of document i.
  std::vector<std::int64_t> ids(std::size_t i) const;
  /// Document i as a dataset item (DatasetJSON's): cut to fit max_seq_len with the BOS/EOS,
  /// EOS left out when cut, an empty document stays empty. Read with pread, not through the
  /// map: no page of the map stays resident, however much of the store is read.
  std::vector<std::int64_t> item(std::size_t i, std::size_t max_seq_len,
                                 std::optional<std::int64_t> bos_token_id = std::nullopt,
                                 std::optional<std::int64_t> eos_token_id = std::nullopt) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace miditok
