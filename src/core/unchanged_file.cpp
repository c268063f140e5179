// keep_if_unchanged: compares an existing output with the bytes due in it, block by block.
#include "unchanged_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "file_mode.h"

namespace miditok::detail {

namespace {

/// True when the file open as `fd`, read from its start, begins with `bytes` (its size, checked
/// by the caller, is theirs).
bool holds(int fd, std::string_view bytes) {
  char block[16384];
  std::size_t at = 0;
  while (at < bytes.size()) {
    const ssize_t got = ::read(fd, block, std::min(sizeof block, bytes.size() - at));
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return false;
    const auto n = static_cast<std::size_t>(got);
    if (std::memcmp(block, bytes.data() + at, n) != 0) return false;
    at += n;
  }
  return true;
}

}  // namespace

bool keep_if_unchanged(int dir_fd, const std::string& name, std::string_view bytes) {
  if (name.find('/') != std::string::npos) return false;
  // Not through a symlink, and a FIFO does not block the open.
  const int fd = ::openat(dir_fd, name.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st {};
  const bool kept = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_nlink == 1 &&
                    (st.st_mode & 07777) == new_file_mode() &&
                    static_cast<std::size_t>(st.st_size) == bytes.size() && holds(fd, bytes) &&
                    ::futimens(fd, nullptr) == 0;
  ::close(fd);
  return kept;
}

}  // namespace miditok::detail
