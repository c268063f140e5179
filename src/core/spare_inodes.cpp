// SpareInodes: a batch's pool of unlinked temporary files kept for reuse by later rewrites in the
// same directories (declared in file_io.h; file_io.cpp takes and puts them).
#include <unistd.h>

#include <mutex>
#include <string>
#include <utility>

#include "miditok/core/file_io.h"

namespace miditok {

SpareInodes::~SpareInodes() { clear(); }

void SpareInodes::clear() {
  const std::lock_guard<std::mutex> lock(mutex_);
  for (const Entry& entry : free_) {
    ::close(entry.spare.fd);
    ::unlinkat(entry.dir_fd, entry.spare.name.c_str(), 0);
  }
  free_.clear();
}

bool SpareInodes::take(const std::string& key, Spare& spare) {
  const std::lock_guard<std::mutex> lock(mutex_);
  for (std::size_t i = free_.size(); i-- > 0;) {
    if (free_[i].key == key) {
      spare = std::move(free_[i].spare);
      free_[i] = std::move(free_.back());
      free_.pop_back();
      return true;
    }
  }
  return false;
}

void SpareInodes::put(const std::string& key, int dir_fd, Spare spare) {
  const std::lock_guard<std::mutex> lock(mutex_);
  free_.push_back(Entry{key, dir_fd, std::move(spare)});
}

bool SpareInodes::usable() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return usable_;
}

void SpareInodes::disable() {
  const std::lock_guard<std::mutex> lock(mutex_);
  usable_ = false;
}

}  // namespace miditok
