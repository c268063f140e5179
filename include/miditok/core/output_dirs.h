// Output directories of a batch writer (split_files_for_training, augment_dataset, token files):
// each created and opened once for the whole batch (files are then written relative to its
// descriptor, no path walk per file), and marked "fresh" when it was empty when first opened, so
// that outputs written into it can skip the stat that looks for a file to replace
// (write_new_file_at). A batch whose output root does not exist yet or is empty can be staged:
// written into a hidden directory next to it, each file created under its final name at once,
// and moved into place by one rename at the end (the whole output appears at once, or none).
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
  OutputDirFd(int fd, bool owned, bool fresh, bool staged = false)
      : fd_(fd), owned_(owned), fresh_(fresh), staged_(staged) {}
  ~OutputDirFd();
  OutputDirFd(const OutputDirFd&) = delete;
  OutputDirFd& operator=(const OutputDirFd&) = delete;
  int get() const { return fd_; }
  /// True when the descriptor lives only as long as this handle (not for the whole batch).
  bool owned() const { return owned_; }
  /// True when the directory held no entry when the batch first opened it.
  bool fresh() const { return fresh_; }
  /// True when the directory is in the batch's staging directory (seen by nobody until commit).
  bool staged() const { return staged_; }

 private:
  int fd_;
  bool owned_;
  bool fresh_;
  bool staged_;
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
  /// Creates `dir` if needed and opens it (its staged twin when `dir` is under a staged root).
  /// IoError when it cannot be created or opened.
  OutputDirFd open(const std::filesystem::path& dir);

  /// Stages the batch's outputs under `root`, when `root` does not exist or is an empty directory
  /// of this user (same file system as its parent, no special mode bit, no extended attribute,
  /// not the working directory): the directories opened under it are made in a hidden directory
  /// next to it (".<name>.<pid>-<n>.staging", root's mode; made inside an existing root, then
  /// moved next to it, to start in the root's block group), and files are written there under
  /// their final names at once (write_file_exclusive_at: no unnamed file, no link). False, and
  /// nothing changed, otherwise. Call before the batch's first open.
  bool stage(const std::filesystem::path& root);
  /// Puts a staged batch in place: one rename of the staging directory to `root` (replacing it
  /// when it was an empty directory); when `root` was made or written into meanwhile, each output
  /// is renamed into it instead. The directories opened so far are closed. No-op when not staged.
  /// IoError naming the output that cannot be moved (the ones not moved are deleted).
  void commit();

 private:
  // The directory `dir` is written in: its staged twin when under the staged root.
  std::filesystem::path target(const std::filesystem::path& dir, bool& staged) const;
  void close_all();
  // More directories than this are opened per file instead (file descriptors are limited).
  static constexpr std::size_t kMaxOpen = 256;
  struct Open {
    int fd;
    bool fresh;
    bool staged;
  };
  struct Staging {
    std::filesystem::path root;  // absolute, normal, no trailing slash
    std::filesystem::path temp;  // the hidden directory next to it
    bool replace = false;        // root exists (empty): renamed over
    bool active = false;
  };
  Staging staging_;  // set before the batch's writes, read-only during them
  std::mutex mutex_;
  std::unordered_set<std::string> made_;
  std::unordered_map<std::string, Open> open_;
};

/// Writes `bytes` as the file `name` of the batch directory `dir`, whole or absent: in a staged
/// directory under its final name at once (write_file_exclusive_at); in a fresh directory, or
/// with `expect_new`, as a new file (write_new_file_at, no stat first; one there anyway is still
/// replaced whole), else write_file_atomic_at (with `options.keep_unchanged`, an output already
/// holding `bytes` is kept: detail::keep_if_unchanged). `options.spares` is used only while `dir`'s
/// descriptor lives for the whole batch (a spare is keyed by its directory's descriptor) and is
/// not staged (commit closes the descriptors).
void write_output(const OutputDirFd& dir, const std::string& dir_label, const std::string& name,
                  std::string_view bytes, AtomicWriteOptions options, bool expect_new = false);

/// True when the directory open as `dir_fd` (any descriptor of it, O_PATH included) has no entry
/// but "." and "..". False when it cannot be read.
bool directory_is_empty(int dir_fd);

}  // namespace miditok
