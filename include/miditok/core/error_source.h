// Errors that name their source: a step that knows the file (reading then encoding it) adds its
// name to an error raised below it that does not name it yet (an encode bound, a token error).
#pragma once

#include <string>

namespace miditok {

/// Inside a catch block: rethrows the current miditok::Error, of the same class, with
/// " (in <source>)" appended when its message does not name source yet (other exceptions as is).
[[noreturn]] void rethrow_naming(const std::string& source);

}  // namespace miditok
