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

struct stat;

namespace miditok {

/// How write_file_atomic writes: flush to disk before the rename, create missing directories,
/// copy another file's permission bits and times (shutil.copy2's metadata).
struct AtomicWriteOptions {
  bool sync = true;
  bool create_dirs = false;
  const struct stat* like = nullptr;
};

/// Throws IoError when `path` is empty or holds a NUL byte (the OS would cut the name there).
void check_path(const std::string& path);

/// Reads the whole regular file at `path` (symlinks followed). IoError, with errno and the path,
/// when it cannot be opened or read or is not a regular file (FIFO, device, directory, socket).
std::string read_regular_file(const std::string& path);

/// Writes `bytes` to `path`: a new temporary file in the same directory, flushed with fsync
/// (options.sync), renamed over `path`. On any failure the temporary file is removed, `path` is
/// left as it was, and IoError (errno and path) is thrown.
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

/// Writes the new file `name` (a name, no slash) of the directory open as `dir_fd`, whole or not
/// at all, in one directory entry: an unnamed O_TMPFILE file is written, then linked under
/// `name`. Where `name` already exists (it is replaced whole; a symlink is written through),
/// where the file system has no O_TMPFILE, or with `options` other than the defaults' sync, it
/// falls back to write_file_atomic_at (a temporary name renamed into place).
void write_new_file_at(int dir_fd, const std::string& dir_label, const std::string& name,
                       std::string_view bytes, const AtomicWriteOptions& options = {});

/// Directories opened once for many writes (write_new_file_at through their descriptor), each
/// created with its parents when missing. Thread-safe; the descriptors close with the object.
class DirectoryFds {
 public:
  DirectoryFds() = default;
  DirectoryFds(const DirectoryFds&) = delete;
  DirectoryFds& operator=(const DirectoryFds&) = delete;
  ~DirectoryFds();
  /// The descriptor of `dir` (IoError when it cannot be created or opened).
  int open(const std::string& dir);

 private:
  std::mutex mutex_;
  std::unordered_map<std::string, int> fds_;
};

}  // namespace miditok
