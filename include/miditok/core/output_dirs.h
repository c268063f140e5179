// Output directories of a batch writer (augment_dataset, token files): each created and opened
// once for the whole batch (files are then written relative to its descriptor, no path walk per
// file), and marked "fresh" when it was empty when first opened, so that outputs written into it
// can skip the stat that looks for a file to replace (write_new_file_at).
#pragma once

#include <cstddef>
#include <filesystem>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "miditok/core/file_io.h"

namespace miditok {

/// A directory opened for openat: owned by the OutputDirs that opened it, or by this handle when
/// the cache was full (then closed with it).
class OutputDirFd {
 public:
  OutputDirFd(int fd, bool owned, bool fresh) : fd_(fd), owned_(owned), fresh_(fresh) {}
  ~OutputDirFd();
  OutputDirFd(const OutputDirFd&) = delete;
  OutputDirFd& operator=(const OutputDirFd&) = delete;
  int get() const { return fd_; }
  /// True when the descriptor lives only as long as this handle (not for the whole batch).
  bool owned() const { return owned_; }
  /// True when the directory held no entry when the batch first opened it.
  bool fresh() const { return fresh_; }

 private:
  int fd_;
  bool owned_;
  bool fresh_;
};

/// The output directories made so far, shared by a batch's worker threads. Thread-safe.
class OutputDirs {
 public:
  OutputDirs() = default;
  OutputDirs(const OutputDirs&) = delete;
  OutputDirs& operator=(const OutputDirs&) = delete;
  ~OutputDirs();

  /// Creates `dir` (with its parents) if needed, once; a failure is left for the writes to report.
  void ensure(const std::filesystem::path& dir);
  /// Creates `dir` if needed and opens it. IoError when it cannot be created or opened.
  OutputDirFd open(const std::filesystem::path& dir);

 private:
  // More directories than this are opened per file instead (file descriptors are limited).
  static constexpr std::size_t kMaxOpen = 256;
  struct Open {
    int fd;
    bool fresh;
  };
  std::mutex mutex_;
  std::unordered_set<std::string> made_;
  std::unordered_map<std::string, Open> open_;
};

/// Writes `bytes` as the file `name` of the batch directory `dir`, whole or absent: in a fresh
/// directory as a new file (write_new_file_at, no stat first; one there anyway is still replaced
/// whole), else write_file_atomic_at. `options.spares` is used only while `dir`'s descriptor
/// lives for the whole batch (a spare is keyed by its directory's descriptor).
void write_output(const OutputDirFd& dir, const std::string& dir_label, const std::string& name,
                  std::string_view bytes, AtomicWriteOptions options);

/// True when the directory open as `dir_fd` (any descriptor of it, O_PATH included) has no entry
/// but "." and "..". False when it cannot be read.
bool directory_is_empty(int dir_fd);

}  // namespace miditok
