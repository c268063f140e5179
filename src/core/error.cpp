#include "miditok/core/error.h"

namespace miditok {

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
