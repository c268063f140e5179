// Regular-file reads and atomic writes on POSIX system calls: a new file is written unnamed
// (O_TMPFILE) and linked in place; an existing one is replaced by a temporary file renamed over
// it, or by a batch's spare inode swapped with it (renameat2 RENAME_EXCHANGE).
#include "miditok/core/file_io.h"

#include <fcntl.h>
#include <linux/fs.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <utility>

#include "file_mode.h"
#include "miditok/core/error.h"

namespace miditok {
namespace {

// The name, printable even with a NUL inside (shown as \0).
std::string shown(const std::string& path) {
  std::string out;
  for (char c : path) out += c == '\0' ? std::string("\\0") : std::string(1, c);
  return out;
}

[[noreturn]] void fail(const std::string& what, const std::string& path, int code) {
  throw IoError(what + " " + path, path, code);
}

// Closes a descriptor on scope exit unless released.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  int release() { return std::exchange(fd_, -1); }

 private:
  int fd_;
};

bool write_all(int fd, std::string_view bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t got = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return false;
    if (got == 0) {
      errno = ENOSPC;
      return false;
    }
    done += static_cast<std::size_t>(got);
  }
  return true;
}

// A temporary name next to `name`: hidden, unique per process and call, within NAME_MAX.
std::string temp_name(std::string_view name) {
  static std::atomic<unsigned long long> counter{0};
  const std::string tail = "." + std::to_string(::getpid()) + "-" +
                           std::to_string(counter.fetch_add(1, std::memory_order_relaxed)) + ".tmp";
  const std::size_t keep = std::min<std::size_t>(name.size(), 255 - 1 - tail.size());
  return "." + std::string(name.substr(0, keep)) + tail;
}

// Splits "dir/name" into ("dir/", "name"); ("", name) without a slash.
std::pair<std::string, std::string> split_dir(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  if (slash == std::string::npos) return {"", path};
  return {path.substr(0, slash + 1), path.substr(slash + 1)};
}

// Thrown by a streamed write's sink when write() fails (errno saved).
struct WriteFailed {
  int code;
};

// Writes a file's content to fd: each part in turn, or what a producer gives (WriteFailed).
using Body = std::function<void(int fd)>;

Body parts_body(std::initializer_list<std::string_view> parts) {
  return [parts](int fd) {
    for (const std::string_view bytes : parts) {
      if (!write_all(fd, bytes)) throw WriteFailed{errno};
    }
  };
}

// How an O_TMPFILE descriptor gets its name: linkat(AT_EMPTY_PATH) where the process may (root,
// or kernels that let a process name its own O_TMPFILE files), else through /proc/self/fd.
std::atomic<bool> g_link_through_proc{false};

bool link_tmpfile(int fd, int dir_fd, const std::string& name) {
  if (!g_link_through_proc.load(std::memory_order_relaxed)) {
    if (::linkat(fd, "", dir_fd, name.c_str(), AT_EMPTY_PATH) == 0) return true;
    if (errno != ENOENT && errno != EPERM) return false;
    g_link_through_proc.store(true, std::memory_order_relaxed);
  }
  char proc[40];
  std::snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
  return ::linkat(AT_FDCWD, proc, dir_fd, name.c_str(), AT_SYMLINK_FOLLOW) == 0;
}

void apply_like(int fd, const AtomicWriteOptions& options) {
  const struct timespec times[2] = {options.like->st_atim, options.like->st_mtim};
  if (::fchmod(fd, options.like->st_mode & 07777) != 0 || ::futimens(fd, times) != 0) {
    throw WriteFailed{errno};
  }
}

void sync_dir(int dir_fd, const std::string& dir) {
  const int dfd =
      ::openat(dir_fd, dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
}

enum class NewFile { kWritten, kExists, kUnsupported };

// A file that does not exist yet: written unnamed (O_TMPFILE), then linked under its name, one
// directory entry and no rename. kExists when the name is taken, kUnsupported without O_TMPFILE
// or /proc (the caller then uses a temporary name).
NewFile write_tmpfile(int dir_fd, const std::string& dir, const std::string& name,
                      const std::string& label, const Body& body,
                      const AtomicWriteOptions& options) {
  const char* where = dir.empty() ? "." : dir.c_str();
  int fd = ::openat(dir_fd, where, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0 && errno == ENOENT && options.create_dirs && !dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(dir), ec);
    fd = ::openat(dir_fd, where, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
  }
  if (fd < 0) {
    // No O_TMPFILE here (the file system, or a kernel before 3.11: EISDIR).
    if (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL) return NewFile::kUnsupported;
    fail("cannot open for writing", label, errno);
  }
  Fd file(fd);  // closing an unnamed file deletes it: a failure below leaves nothing behind
  try {
    body(fd);
    if (options.like != nullptr) apply_like(fd, options);
  } catch (const WriteFailed& failed) {
    fail("cannot write", label, failed.code);
  }
  if (options.sync && ::fsync(fd) != 0) fail("cannot flush", label, errno);
  const std::string final_name = dir + name;
  if (!link_tmpfile(fd, dir_fd, final_name)) {
    // EEXIST: the name is taken (a file to replace whole, or a symlink to write through);
    // ENOENT: no /proc to link through.
    if (errno == EEXIST) return NewFile::kExists;
    if (errno == ENOENT) return NewFile::kUnsupported;
    fail("cannot link into place", label, errno);
  }
  if (::close(file.release()) != 0) {
    const int code = errno;
    ::unlinkat(dir_fd, final_name.c_str(), 0);
    fail("cannot write", label, code);
  }
  if (options.sync) sync_dir(dir_fd, dir);  // the new entry reaches the disk with the directory
  return NewFile::kWritten;
}

// Opens a new temporary file next to `name` (dir + hidden unique name), creating the directory
// with options.create_dirs.
int open_temp(int dir_fd, const std::string& dir, const std::string& name, const std::string& label,
              const AtomicWriteOptions& options, std::string& temp) {
  for (int attempt = 0;; ++attempt) {
    temp = dir + temp_name(name);
    const int fd = ::openat(dir_fd, temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0) return fd;
    if (errno == ENOENT && options.create_dirs && attempt == 0 && !dir.empty()) {
      std::error_code ec;
      std::filesystem::create_directories(std::filesystem::path(dir), ec);
      continue;
    }
    if (errno != EEXIST || attempt > 16) fail("cannot open for writing", label, errno);
  }
}

// The inode a RENAME_EXCHANGE just moved to `name`: kept as a spare when nothing else can see
// it (one link, ours, open nowhere else: a write lease is granted only then), else deleted.
void adopt_displaced(SpareInodes& spares, const std::string& key, int dir_fd,
                     const std::string& name) {
  const int fd = ::openat(dir_fd, name.c_str(), O_WRONLY | O_NOFOLLOW | O_CLOEXEC);
  struct stat st {};
  if (fd >= 0 && ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_nlink == 1 &&
      st.st_uid == ::geteuid() && ::fcntl(fd, F_SETLEASE, F_WRLCK) == 0) {
    ::fcntl(fd, F_SETLEASE, F_UNLCK);
    spares.put(key, dir_fd,
               SpareInodes::Spare{fd, name, static_cast<long long>(st.st_size),
                                  static_cast<unsigned>(st.st_mode & 07777)});
    return;
  }
  if (fd >= 0) ::close(fd);
  ::unlinkat(dir_fd, name.c_str(), 0);
}

// Replaces the existing regular file dir + name through a spare inode of the batch (a new
// temporary file when none is free): the content is written into the spare, which is swapped
// with the file (RENAME_EXCHANGE); the displaced inode becomes the next spare. False when the
// file system cannot exchange (nothing written; the caller renames instead).
bool replace_with_spare(int dir_fd, const std::string& dir, const std::string& name,
                        const std::string& label, const Body& body,
                        const AtomicWriteOptions& options) {
  SpareInodes& spares = *options.spares;
  const std::string key = std::to_string(dir_fd) + ":" + dir;
  SpareInodes::Spare spare;
  const bool reused = spares.take(key, spare);
  if (!reused) spare.fd = open_temp(dir_fd, dir, name, label, options, spare.name);
  const auto drop = [&] {
    ::close(spare.fd);
    ::unlinkat(dir_fd, spare.name.c_str(), 0);
  };
  try {
    body(spare.fd);
    if (reused) {
      const off_t end = ::lseek(spare.fd, 0, SEEK_CUR);
      if (end < 0 || (spare.size > end && ::ftruncate(spare.fd, end) != 0))
        throw WriteFailed{errno};
    }
    if (options.like != nullptr) {
      apply_like(spare.fd, options);
    } else if (reused && spare.mode != detail::new_file_mode() &&
               ::fchmod(spare.fd, detail::new_file_mode()) != 0) {
      throw WriteFailed{errno};
    }
    if (options.sync && ::fsync(spare.fd) != 0) throw WriteFailed{errno};
  } catch (const WriteFailed& failed) {
    drop();
    fail("cannot write", label, failed.code);
  } catch (...) {  // the producer failed: the spare goes, the output stays as it was
    drop();
    throw;
  }
  const std::string final_name = dir + name;
  if (::syscall(SYS_renameat2, dir_fd, spare.name.c_str(), dir_fd, final_name.c_str(),
                RENAME_EXCHANGE) != 0) {
    const int code = errno;
    if (code == EINVAL || code == ENOSYS || code == ENOENT) {
      // No exchange on this file system (or the output went meanwhile): a plain rename.
      if (code != ENOENT) spares.disable();
      if (::renameat(dir_fd, spare.name.c_str(), dir_fd, final_name.c_str()) != 0) {
        const int again = errno;
        drop();
        fail("cannot rename into place", label, again);
      }
      ::close(spare.fd);
      return true;
    }
    drop();
    fail("cannot rename into place", label, code);
  }
  ::close(spare.fd);
  adopt_displaced(spares, key, dir_fd, spare.name);
  if (options.sync) sync_dir(dir_fd, dir);
  return true;
}

// The shared body: `dir` is the prefix that makes a name of the directory a path for dir_fd
// ("" for a directory fd, "some/dir/" for AT_FDCWD); `label` is the final path in messages.
// With `expect_new`, the unnamed-file path is tried first, without a stat.
void write_in(int dir_fd, const std::string& dir, const std::string& name, const std::string& label,
              const Body& body, const AtomicWriteOptions& options, bool expect_new = false) {
  if (name.empty() || name == "." || name == "..")
    fail("cannot write to the directory", label, EISDIR);
  const std::string final_path = dir + name;
  const bool plain_name = name.find('/') == std::string::npos;
  bool exists = false;
  struct stat link {};
  if (!expect_new || !plain_name) {
    exists = ::fstatat(dir_fd, final_path.c_str(), &link, AT_SYMLINK_NOFOLLOW) == 0;
    // A symlink at the final name is written through, as an in-place writer would: the file it
    // points to is replaced whole, the link stays.
    if (exists && S_ISLNK(link.st_mode)) {
      const std::string through =
          dir_fd == AT_FDCWD ? final_path
                             : "/proc/self/fd/" + std::to_string(dir_fd) + "/" + final_path;
      if (char* real = ::realpath(through.c_str(), nullptr)) {
        const std::string target(real);
        std::free(real);
        const auto [target_dir, target_name] = split_dir(target);
        write_in(AT_FDCWD, target_dir, target_name, label, body, options);
        return;
      }
    }
  }
  if (!exists && plain_name) {
    switch (write_tmpfile(dir_fd, dir, name, label, body, options)) {
      case NewFile::kWritten:
        return;
      case NewFile::kExists:  // expected new but there, or made meanwhile: replace it
        return write_in(dir_fd, dir, name, label, body, options);
      case NewFile::kUnsupported:
        break;
    }
  }
  if (exists && S_ISREG(link.st_mode) && options.spares != nullptr && options.spares->usable() &&
      replace_with_spare(dir_fd, dir, name, label, body, options)) {
    return;
  }
  std::string temp;
  const int fd = open_temp(dir_fd, dir, name, label, options, temp);
  Fd file(fd);
  const auto abort = [&](int code, const char* what) {
    ::close(file.release());
    ::unlinkat(dir_fd, temp.c_str(), 0);
    fail(what, label, code);
  };
  try {
    body(fd);
  } catch (const WriteFailed& failed) {
    abort(failed.code, "cannot write");
  } catch (...) {  // the producer failed: no partial file is left
    ::close(file.release());
    ::unlinkat(dir_fd, temp.c_str(), 0);
    throw;
  }
  if (options.like != nullptr) {
    try {
      apply_like(fd, options);
    } catch (const WriteFailed& failed) {
      abort(failed.code, "cannot set the times and mode of");
    }
  }
  if (options.sync && ::fsync(fd) != 0) abort(errno, "cannot flush");
  if (::close(file.release()) != 0) {
    const int code = errno;
    ::unlinkat(dir_fd, temp.c_str(), 0);
    fail("cannot write", label, code);
  }
  if (::renameat(dir_fd, temp.c_str(), dir_fd, final_path.c_str()) != 0) {
    const int code = errno;
    ::unlinkat(dir_fd, temp.c_str(), 0);
    fail("cannot rename into place", label, code);
  }
  if (options.sync) sync_dir(dir_fd, dir);  // the rename itself reaches the disk
}

}  // namespace

unsigned detail::new_file_mode() {
  static const unsigned mode = [] {
    unsigned mask = 022;
    if (std::FILE* f = std::fopen("/proc/self/status", "re")) {
      char line[256];
      while (std::fgets(line, sizeof(line), f) != nullptr) {
        if (std::sscanf(line, "Umask: %o", &mask) == 1) break;
      }
      std::fclose(f);
    }
    return 0666U & ~mask;
  }();
  return mode;
}

void check_path(const std::string& path) {
  if (path.empty()) throw IoError("empty path", path, ENOENT);
  if (path.find('\0') != std::string::npos) {
    throw IoError("path holds a NUL byte: " + shown(path), shown(path), EINVAL);
  }
}

std::string read_regular_file(const std::string& path) {
  check_path(path);
  // O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting for one.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) fail("cannot open", path, errno);
  Fd file(fd);
  struct stat st {};
  if (::fstat(fd, &st) != 0) fail("cannot stat", path, errno);
  if (S_ISDIR(st.st_mode)) fail("cannot read", path, EISDIR);
  if (!S_ISREG(st.st_mode)) throw IoError("not a regular file: " + path, path, EINVAL);
  std::string bytes;
  bytes.resize(static_cast<std::size_t>(st.st_size));
  std::size_t size = 0;
  // The size stat gave, then reads into a small buffer until the end: a file that grew meanwhile
  // is read whole, and the common case zeroes no 64 KiB of spare room per file (it did: 10% of
  // a split's user time).
  char tail[4096];
  for (;;) {
    const bool in_place = size < bytes.size();
    const ssize_t got = in_place ? ::read(fd, bytes.data() + size, bytes.size() - size)
                                 : ::read(fd, tail, sizeof(tail));
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) fail("cannot read", path, errno);
    if (got == 0) break;
    if (!in_place) bytes.append(tail, static_cast<std::size_t>(got));  // the file grew
    size += static_cast<std::size_t>(got);
  }
  bytes.resize(size);
  return bytes;
}

void write_file_atomic(const std::string& path, std::string_view bytes,
                       const AtomicWriteOptions& options) {
  write_file_atomic(path, {bytes}, options);
}

void write_file_atomic(const std::string& path, std::initializer_list<std::string_view> parts,
                       const AtomicWriteOptions& options) {
  check_path(path);
  const auto [dir, name] = split_dir(path);
  write_in(AT_FDCWD, dir, name, path, parts_body(parts), options);
}

void write_file_atomic_stream(const std::string& path,
                              const std::function<void(const ByteSink&)>& produce,
                              const AtomicWriteOptions& options) {
  check_path(path);
  const auto [dir, name] = split_dir(path);
  const Body body = [&produce](int fd) {
    produce([fd](std::string_view bytes) {
      if (!write_all(fd, bytes)) throw WriteFailed{errno};
    });
  };
  write_in(AT_FDCWD, dir, name, path, body, options);
}

void write_file_atomic_at(int dir_fd, const std::string& dir_label, const std::string& name,
                          std::string_view bytes, const AtomicWriteOptions& options) {
  const std::string label = dir_label.empty() ? name : dir_label + "/" + name;
  check_path(name);
  write_in(dir_fd, "", name, label, parts_body({bytes}), options);
}

void write_new_file_at(int dir_fd, const std::string& dir_label, const std::string& name,
                       std::string_view bytes, const AtomicWriteOptions& options) {
  const std::string label = dir_label.empty() ? name : dir_label + "/" + name;
  check_path(name);
  write_in(dir_fd, "", name, label, parts_body({bytes}), options, /*expect_new=*/true);
}

bool write_file_exclusive_at(int dir_fd, const std::string& dir_label, const std::string& name,
                             std::string_view bytes, const AtomicWriteOptions& options) {
  // The path for error messages, made only on an error (this writes thousands of small files)
  const auto label = [&] { return dir_label.empty() ? name : dir_label + "/" + name; };
  check_path(name);
  if (name.find('/') != std::string::npos || name == "." || name == "..") {
    fail("cannot write", label(), EINVAL);
  }
  const int fd =
      ::openat(dir_fd, name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
  if (fd < 0) {
    const int code = errno;
    if (code == EEXIST) return false;
    fail("cannot open for writing", label(), code);
  }
  Fd file(fd);
  const auto abort = [&](int code) {
    ::close(file.release());
    ::unlinkat(dir_fd, name.c_str(), 0);  // no partial file stays under the name
    fail("cannot write", label(), code);
  };
  if (!write_all(fd, bytes)) abort(errno);
  if (options.like != nullptr) {
    try {
      apply_like(fd, options);
    } catch (const WriteFailed& failed) {
      abort(failed.code);
    }
  }
  if (options.sync && ::fsync(fd) != 0) abort(errno);
  if (::close(file.release()) != 0) {
    const int code = errno;
    ::unlinkat(dir_fd, name.c_str(), 0);
    fail("cannot write", label(), code);
  }
  return true;
}

}  // namespace miditok
