// The mode a new output file gets (private to src/core): what a rewrite leaves an output with.
#pragma once

namespace miditok::detail {

/// 0666 less the process's umask, read once (from /proc/self/status, without changing it).
unsigned new_file_mode();

}  // namespace miditok::detail
