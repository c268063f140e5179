// Output directories of batch writers, created and opened once (see output_dirs.h).
#include "miditok/core/output_dirs.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cstring>
#include <system_error>

#include "miditok/core/error.h"
#include "miditok/core/file_io.h"

namespace miditok {

OutputDirFd::~OutputDirFd() {
  if (owned_ && fd_ >= 0) ::close(fd_);
}

OutputDirs::~OutputDirs() {
  for (const auto& [dir, open] : open_) ::close(open.fd);
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
      return {it->second.fd, false, it->second.fresh};
    }
  }
  check_path(dir.native());
  ensure(dir);
  const int fd = ::open(dir.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) throw IoError("cannot open the directory " + dir.string(), dir.string(), errno);
  const std::lock_guard lock(mutex_);
  if (const auto it = open_.find(dir.native()); it != open_.end()) {  // opened meanwhile
    ::close(fd);
    return {it->second.fd, false, it->second.fresh};
  }
  // Only the first opener decides freshness (later, the batch's own outputs are in it).
  const bool fresh = directory_is_empty(fd);
  if (open_.size() < kMaxOpen) {
    open_.emplace(dir.native(), Open{fd, fresh});
    return {fd, false, fresh};
  }
  return {fd, true, false};
}

void write_output(const OutputDirFd& dir, const std::string& dir_label, const std::string& name,
                  std::string_view bytes, AtomicWriteOptions options) {
  if (dir.owned()) options.spares = nullptr;
  if (dir.fresh()) {
    write_new_file_at(dir.get(), dir_label, name, bytes, options);
  } else {
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
