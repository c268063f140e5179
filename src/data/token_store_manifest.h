// manifest.json of a token store (private to src/data): its content, read and written.
#pragma once

#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <string_view>
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
};

/// The manifest's per-file entries as their JSON text, spooled to an unlinked temporary file in
/// the store's directory: a writer's memory does not grow with the number of files.
class FileList {
 public:
  explicit FileList(const std::string& dir);  ///< IoError when the directory is not writable
  ~FileList();
  FileList(const FileList&) = delete;
  FileList& operator=(const FileList&) = delete;

  void add(const FileEntry& entry);
  std::uint64_t size() const { return size_; }
  std::uint64_t failed() const { return failed_; }
  /// Gives the entries' text (manifest.json's "files" items, comma-separated) to out in pieces.
  void copy_to(const std::function<void(std::string_view)>& out) const;

 private:
  std::string dir_;
  std::FILE* file_ = nullptr;
  std::uint64_t size_ = 0;
  std::uint64_t failed_ = 0;
};

/// Reads dir/manifest.json; its per-file entries are checked and handed to `each_file` one at a
/// time, or skipped (never held whole) without it. IoError when it is missing, not JSON, of
/// another format or version, or inconsistent.
Manifest read_manifest(const std::string& dir,
                       const std::function<void(FileEntry&&)>& each_file = {});

/// The file name stem of shard `index`: "shard-NNNNNN".
std::string shard_stem(std::size_t index);

/// Creates out_dir when missing (IoError when it cannot be).
void make_store_dir(const std::string& out_dir);

/// The manifest of the store at out_dir (new, with this hash, dtype and vocabulary size, when it
/// has none), its file entries added to `files`; ConfigError when it was written with another
/// tokenizer.
Manifest open_or_create(const std::string& out_dir, const std::string& hash,
                        const std::string& dtype, std::uint64_t vocab_size, FileList& files);

/// Writes dir/manifest.json whole (streamed to a temp file, then renamed).
void write_manifest(const std::string& dir, const Manifest& manifest, const FileList& files);

}  // namespace miditok::store_detail
