// An output that already holds the bytes a batch would write (private to src/core): kept as it
// is, only its modification time set, instead of being replaced by an identical file.
#pragma once

#include <string>
#include <string_view>

namespace miditok::detail {

/// True when `name` in the directory `dir_fd` is a regular file with one link, the mode a new
/// output gets and exactly `bytes` as content: its modification time is then set to now, as
/// rewriting it would, and nothing else changes. False (the file untouched) otherwise, or when
/// it cannot be read or its time set.
bool keep_if_unchanged(int dir_fd, const std::string& name, std::string_view bytes);

}  // namespace miditok::detail
