// Output directories of batch writers, created and opened once (see output_dirs.h).
#include "miditok/core/output_dirs.h"

#include <dirent.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <system_error>

#include "miditok/core/error.h"
#include "miditok/core/file_io.h"
#include "unchanged_file.h"

namespace fs = std::filesystem;

namespace miditok {
namespace {

// `path` absolute and lexically normal, without a trailing slash (empty on failure).
fs::path clean(const fs::path& path) {
  std::error_code ec;
  fs::path out = fs::absolute(path, ec).lexically_normal();
  if (ec) return {};
  if (!out.has_filename() && out.has_relative_path()) out = out.parent_path();
  return out;
}

// A hidden name next to `root` for its staging directory: unique per process and call.
fs::path staging_name(const fs::path& root) {
  static std::atomic<unsigned long long> counter{0};
  const std::string tail = "." + std::to_string(::getpid()) + "-" +
                           std::to_string(counter.fetch_add(1, std::memory_order_relaxed)) +
                           ".staging";
  const std::string name = root.filename().string();
  return root.parent_path() / ("." + name.substr(0, 255 - 1 - tail.size()) + tail);
}

// True when `root` (lstat as `st`) may be replaced by a staged directory: a directory of ours,
// empty, with plain mode bits and no extended attribute (ACLs, labels), not a mount point and
// not the working directory.
bool replaceable(const fs::path& root, const struct stat& st) {
  if (!S_ISDIR(st.st_mode) || st.st_uid != ::geteuid() ||
      (st.st_mode & (S_ISUID | S_ISGID | S_ISVTX)) != 0) {
    return false;
  }
  struct stat parent {};
  struct stat cwd {};
  if (::stat(root.parent_path().c_str(), &parent) != 0 || parent.st_dev != st.st_dev) return false;
  if (::stat(".", &cwd) == 0 && cwd.st_dev == st.st_dev && cwd.st_ino == st.st_ino) return false;
  if (::llistxattr(root.c_str(), nullptr, 0) != 0) return false;
  const int fd = ::open(root.c_str(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return false;
  const bool empty = directory_is_empty(fd);
  ::close(fd);
  return empty;
}

// Makes the staging directory `temp` next to `root`; when `root` exists (`inside`), it is made in
// `root` and then moved next to it. ext4 gives a new directory a block group near its parent's,
// except at the top of the file system, where it spreads them over the groups (Orlov): there a
// directory made next to a top-level root often waited, in a group the call had not used yet, for
// its block bitmap to be read (0.2-36 ms). Made inside the root, the staging directory and what
// it will hold start near the root.
bool make_staging(const fs::path& root, const fs::path& temp, bool inside) {
  if (inside) {
    const fs::path made = root / temp.filename();
    if (::mkdir(made.c_str(), 0700) == 0) {
      if (::syscall(SYS_renameat2, AT_FDCWD, made.c_str(), AT_FDCWD, temp.c_str(),
                    RENAME_NOREPLACE) == 0) {
        return true;
      }
      ::rmdir(made.c_str());
    }
  }
  return ::mkdir(temp.c_str(), inside ? 0700 : 0777) == 0;
}

// Moves every entry of the directory `from` into `to` (made if needed; files replace the ones
// there), depth first. Returns the first failure's (errno, path), {0, ""} when none.
std::pair<int, std::string> move_entries(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  fs::create_directories(to, ec);
  if (ec) return {ec.value(), to.string()};
  std::pair<int, std::string> first{0, ""};
  for (auto it = fs::directory_iterator(from, ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    const fs::path dest = to / it->path().filename();
    std::pair<int, std::string> got{0, ""};
    if (it->is_directory(ec) && !it->is_symlink(ec)) {
      got = move_entries(it->path(), dest);
    } else if (::rename(it->path().c_str(), dest.c_str()) != 0) {
      got = {errno, dest.string()};
    }
    if (first.first == 0) first = got;
  }
  if (ec && first.first == 0) first = {ec.value(), from.string()};
  return first;
}

}  // namespace

OutputDirFd::~OutputDirFd() {
  if (owned_ && fd_ >= 0) ::close(fd_);
}

OutputDirs::~OutputDirs() {
  close_all();
  if (staging_.active) {  // not committed: the batch's outputs are absent
    std::error_code ec;
    fs::remove_all(staging_.temp, ec);
  }
}

void OutputDirs::close_all() {
  for (const auto& [dir, open] : open_) ::close(open.fd);
  open_.clear();
  made_.clear();
}

bool OutputDirs::stage(const fs::path& root_path) {
  // With "..", the lexical path may not be where the kernel goes (a symlink before it).
  for (const fs::path& part : root_path) {
    if (part == "..") return false;
  }
  const fs::path root = clean(root_path);
  if (root.empty() || !root.has_filename() || staging_.active) return false;
  struct stat st {};
  bool replace = false;
  if (::lstat(root.c_str(), &st) == 0) {
    if (!replaceable(root, st)) return false;
    replace = true;
  } else {
    if (errno != ENOENT) return false;
    std::error_code ec;
    fs::create_directories(root.parent_path(), ec);
    if (ec) return false;
  }
  const fs::path temp = staging_name(root);
  if (!make_staging(root, temp, replace)) return false;
  if (replace && ::chmod(temp.c_str(), st.st_mode & 07777) != 0) {
    ::rmdir(temp.c_str());
    return false;
  }
  staging_ = Staging{root, temp, replace, true};
  return true;
}

void OutputDirs::commit() {
  const std::lock_guard lock(mutex_);
  if (!staging_.active) return;
  close_all();
  staging_.active = false;
  const unsigned flags = staging_.replace ? 0U : RENAME_NOREPLACE;
  if (::syscall(SYS_renameat2, AT_FDCWD, staging_.temp.c_str(), AT_FDCWD, staging_.root.c_str(),
                flags) == 0) {
    return;
  }
  // The root was made or written into meanwhile (or no renameat2): each output moved in.
  const auto [code, path] = move_entries(staging_.temp, staging_.root);
  std::error_code ec;
  fs::remove_all(staging_.temp, ec);
  if (code != 0) throw IoError("cannot move into place " + path, path, code);
}

fs::path OutputDirs::target(const fs::path& dir, bool& staged) const {
  staged = false;
  if (!staging_.active) return dir;
  const fs::path norm = clean(dir);
  const fs::path rel = norm.lexically_relative(staging_.root);
  if (norm.empty() || rel.empty() || *rel.begin() == "..") return dir;
  staged = true;
  return rel == "." ? staging_.temp : staging_.temp / rel;
}

void OutputDirs::ensure(const std::filesystem::path& dir) {
  {
    const std::lock_guard lock(mutex_);
    if (made_.contains(dir.native()) || open_.contains(dir.native())) return;
  }
  // A failure shows when the directory is opened or written into, naming the file.
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return;
  const std::lock_guard lock(mutex_);
  made_.insert(dir.native());
}

OutputDirFd OutputDirs::open(const std::filesystem::path& dir) {
  {
    const std::lock_guard lock(mutex_);
    if (const auto it = open_.find(dir.native()); it != open_.end()) {
      return {it->second.fd, false, it->second.fresh, it->second.staged};
    }
  }
  check_path(dir.native());
  bool staged = false;
  const fs::path where = target(dir, staged);
  ensure(where);
  const int fd = ::open(where.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) throw IoError("cannot open the directory " + dir.string(), dir.string(), errno);
  const std::lock_guard lock(mutex_);
  if (const auto it = open_.find(dir.native()); it != open_.end()) {  // opened meanwhile
    ::close(fd);
    return {it->second.fd, false, it->second.fresh, it->second.staged};
  }
  // Only the first opener decides freshness (later, the batch's own outputs are in it).
  const bool fresh = staged || directory_is_empty(fd);
  if (open_.size() < kMaxOpen) {
    open_.emplace(dir.native(), Open{fd, fresh, staged});
    return {fd, false, fresh, staged};
  }
  return {fd, true, staged, staged};
}

void write_output(const OutputDirFd& dir, const std::string& dir_label, const std::string& name,
                  std::string_view bytes, AtomicWriteOptions options, bool expect_new) {
  if (dir.owned() || dir.staged()) options.spares = nullptr;
  if (dir.staged() && write_file_exclusive_at(dir.get(), dir_label, name, bytes, options)) return;
  if (dir.fresh() || expect_new) {
    write_new_file_at(dir.get(), dir_label, name, bytes, options);
  } else if (!options.keep_unchanged || options.like != nullptr ||
             !detail::keep_if_unchanged(dir.get(), name, bytes)) {
    write_file_atomic_at(dir.get(), dir_label, name, bytes, options);
  }
}

bool directory_is_empty(int dir_fd) {
  const int fd = ::openat(dir_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return false;
  alignas(8) char buf[1024];
  bool empty = true;
  for (;;) {
    const long got = ::syscall(SYS_getdents64, fd, buf, sizeof buf);
    if (got < 0) {
      empty = false;
      break;
    }
    if (got == 0) break;
    for (long pos = 0; pos < got && empty;) {
      const auto* entry = reinterpret_cast<const struct dirent64*>(buf + pos);
      empty = std::strcmp(entry->d_name, ".") == 0 || std::strcmp(entry->d_name, "..") == 0;
      pos += entry->d_reclen;
    }
    if (!empty) break;
  }
  ::close(fd);
  return empty;
}

}  // namespace miditok
