// manifest.json of a token store (private to src/data): its content, read and written.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace miditok::store_detail {

struct ShardEntry {
  std::string ids;      ///< file name of the ids .npy
  std::string offsets;  ///< file name of the offsets .npy
  std::uint64_t documents = 0;
  std::uint64_t tokens = 0;
};

struct FileEntry {
  std::string path;
  std::uint64_t documents = 0;
  std::int64_t shard = -1;  ///< shard of its documents, -1 when it failed or has none
  std::string error;        ///< empty when tokenized
};

struct Manifest {
  std::string tokenizer_hash;
  std::string dtype;
  std::uint64_t vocab_size = 0;
  std::vector<ShardEntry> shards;
  std::vector<FileEntry> files;
};

/// Reads dir/manifest.json; with_files false skips the per-file entries. IoError when it is
/// missing, not JSON, of another format or version, or inconsistent.
Manifest read_manifest(const std::string& dir, bool with_files);

/// The file name stem of shard `index`: "shard-NNNNNN".
std::string shard_stem(std::size_t index);

/// The manifest of the store at out_dir (created when missing, with this hash, dtype and
/// vocabulary size); ConfigError when the store was written with another tokenizer.
Manifest open_or_create(const std::string& out_dir, const std::string& hash,
                        const std::string& dtype, std::uint64_t vocab_size);

/// Writes dir/manifest.json whole (temp file, then rename).
void write_manifest(const std::string& dir, const Manifest& manifest);

}  // namespace miditok::store_detail
