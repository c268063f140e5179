// Files read and written safely. Only regular files are read (a FIFO, a device or a directory is
// an IoError at once); every output is written to a temporary name in its directory, then
// renamed into place (or, for new files, written unnamed and linked in place), so a final name
// never holds a partial file. Paths are byte strings.
#pragma once

#include <cstddef>
#include <functional>
#include <initializer_list>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct stat;

namespace miditok {

class SpareInodes;

/// How write_file_atomic writes: flush to disk before the rename, create missing directories,
/// copy another file's permission bits and times (shutil.copy2's metadata), and, with `spares`,
/// replace existing outputs through the batch's spare inodes (see SpareInodes).
struct AtomicWriteOptions {
  bool sync = true;
  bool create_dirs = false;
  const struct stat* like = nullptr;
  SpareInodes* spares = nullptr;
  /// write_output only: an existing output that already holds exactly these bytes, as a regular
  /// file of one link with the mode a new output gets, is kept and only its modification time set
  /// to now (a rerun of a batch into its own outputs rewrites nothing). Not with `like`.
  bool keep_unchanged = false;
};

/// Throws IoError when `path` is empty or holds a NUL byte (the OS would cut the name there).
void check_path(const std::string& path);

/// Reads the whole regular file at `path` (symlinks followed). IoError, with errno and the path,
/// when it cannot be opened or read or is not a regular file (FIFO, device, directory, socket).
std::string read_regular_file(const std::string& path);

/// Writes `bytes` to `path`, whole or not at all: where `path` does not exist, an unnamed
/// O_TMPFILE file linked under it (one directory entry); where it exists, a new temporary file in
/// the same directory renamed over it (or, with options.spares, a spare inode exchanged with it).
/// Flushed with fsync first with options.sync. On any failure the temporary file is removed,
/// `path` is left as it was, and IoError (errno and path) is thrown.
void write_file_atomic(const std::string& path, std::string_view bytes,
                       const AtomicWriteOptions& options = {});
/// write_file_atomic of the parts written one after the other (a header and a buffer, no copy).
void write_file_atomic(const std::string& path, std::initializer_list<std::string_view> parts,
                       const AtomicWriteOptions& options = {});

/// Receives the bytes of a streamed output, piece by piece.
using ByteSink = std::function<void(std::string_view)>;

/// write_file_atomic of an output too large to hold whole: `produce` gives its bytes to the sink
/// piece by piece, in order. When the producer throws, no file is left and the exception goes on.
void write_file_atomic_stream(const std::string& path,
                              const std::function<void(const ByteSink&)>& produce,
                              const AtomicWriteOptions& options = {});

/// write_file_atomic for the file `name` of the directory open as `dir_fd` (openat, renameat);
/// `dir_label` names the directory in error messages.
void write_file_atomic_at(int dir_fd, const std::string& dir_label, const std::string& name,
                          std::string_view bytes, const AtomicWriteOptions& options = {});

/// write_file_atomic_at for a file expected to be new (no stat first): an unnamed O_TMPFILE file
/// is written, then linked under `name` (a name, no slash). Where `name` already exists (it is
/// replaced whole; a symlink is written through) or the file system has no O_TMPFILE, it falls
/// back to write_file_atomic_at.
void write_new_file_at(int dir_fd, const std::string& dir_label, const std::string& name,
                       std::string_view bytes, const AtomicWriteOptions& options = {});

/// Writes `bytes` as a new file `name` (no slash) of the directory open as `dir_fd` under its
/// final name at once (open O_CREAT|O_EXCL, write, close): for a directory nobody else sees yet
/// (a batch's staging directory, output_dirs.h), where a partial file can show to no reader. A
/// failed write removes the file (IoError). False, with nothing written, when `name` exists.
bool write_file_exclusive_at(int dir_fd, const std::string& dir_label, const std::string& name,
                             std::string_view bytes, const AtomicWriteOptions& options = {});

/// The inodes a batch's replaced outputs leave behind, kept (under a hidden temporary name in
/// their directory) to hold the batch's next replaced output instead of being freed. Replacing a
/// file then costs no inode allocation and no freeing: the new content is written into a spare,
/// which is swapped with the output in one rename (renameat2 RENAME_EXCHANGE), so the name holds
/// the old file or the new one, whole, at every instant. A displaced inode becomes a spare only
/// when nothing else can see it: one link, owned by this process's user, and open nowhere else
/// (a write lease can be taken on it); otherwise it is deleted, as a rename over it would. The
/// spares left are deleted with the object (a crash leaves them as hidden `*.tmp` files).
/// Thread-safe: a spare is used by one write at a time.
class SpareInodes {
 public:
  SpareInodes() = default;
  SpareInodes(const SpareInodes&) = delete;
  SpareInodes& operator=(const SpareInodes&) = delete;
  ~SpareInodes();

  struct Spare {
    int fd = -1;
    std::string name;  // relative to the directory descriptor it was made in
    long long size = 0;
    unsigned mode = 0;
  };
  /// A spare of directory `key` (its descriptor and path prefix), if one is free.
  bool take(const std::string& key, Spare& spare);
  /// Gives a spare back for the next write in directory `key`.
  void put(const std::string& key, int dir_fd, Spare spare);
  /// False once renameat2(RENAME_EXCHANGE) failed as unsupported: spares are then not used.
  bool usable() const;
  void disable();
  /// Deletes the free spares (before their directories' descriptors close).
  void clear();

 private:
  struct Entry {
    std::string key;
    int dir_fd;
    Spare spare;
  };
  mutable std::mutex mutex_;
  std::vector<Entry> free_;
  bool usable_ = true;
};

}  // namespace miditok
