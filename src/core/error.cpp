#include "miditok/core/error.h"

#include <cstring>
#include <utility>

#include "miditok/core/error_source.h"

namespace miditok {

IoError::IoError(const std::string& what, std::string path, int code)
    : Error(what + ": " + std::strerror(code)), path_(std::move(path)), code_(code) {}

void rethrow_naming(const std::string& source) {
  try {
    throw;
  } catch (const Error& e) {
    const std::string what = e.what();
    if (what.find(source) != std::string::npos) throw;
    const std::string named = what + " (in " + source + ")";
    if (dynamic_cast<const MidiError*>(&e) != nullptr) throw MidiError(named);
    if (dynamic_cast<const TokenError*>(&e) != nullptr) throw TokenError(named);
    if (dynamic_cast<const ConfigError*>(&e) != nullptr) throw ConfigError(named);
    throw;
  }
}

std::string describe_at(const std::string& what, const std::string& source, std::size_t offset) {
  std::string message = what;
  message += " (in ";
  message += source.empty() ? std::string("<bytes>") : source;
  message += " at byte ";
  message += std::to_string(offset);
  message += ")";
  return message;
}

}  // namespace miditok
