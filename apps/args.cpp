#include "args.h"

#include <stdexcept>

namespace miditok::cli {

Args::Args(int argc, char** argv, int first, const std::set<std::string>& flags) {
  for (int i = first; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.rfind("--", 0) != 0 || arg == "--") {
      positional_.push_back(arg);
      continue;
    }
    const std::string name = arg.substr(2);
    if (flags.count(name)) {
      options_[name] = "1";
    } else if (i + 1 < argc) {
      options_[name] = argv[++i];
    } else {
      throw std::invalid_argument("option --" + name + " needs a value");
    }
  }
}

std::string Args::get(const std::string& name, const std::string& fallback) const {
  const auto it = options_.find(name);
  return it == options_.end() ? fallback : it->second;
}

long Args::get_int(const std::string& name, long fallback) const {
  const auto it = options_.find(name);
  if (it == options_.end()) return fallback;
  std::size_t used = 0;
  const long value = std::stol(it->second, &used);
  if (used != it->second.size()) {
    throw std::invalid_argument("option --" + name + " expects an integer, got " + it->second);
  }
  return value;
}

bool Args::has(const std::string& name) const { return options_.count(name) != 0; }

}  // namespace miditok::cli
