// A small command-line parser for the miditok-cpp tool: positional arguments, `--key value`
// options and `--flag` switches, with typed accessors that explain what is wrong.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

namespace miditok::cli {

/// Parsed arguments of one subcommand.
class Args {
 public:
  /// Parses argv[first..argc); names in `flags` take no value.
  Args(int argc, char** argv, int first, const std::set<std::string>& flags);
  /// Positional arguments, in order.
  const std::vector<std::string>& positional() const { return positional_; }
  /// Value of --name, or `fallback` when absent.
  std::string get(const std::string& name, const std::string& fallback = "") const;
  /// Value of --name as an integer, or `fallback`; throws std::invalid_argument when malformed.
  long get_int(const std::string& name, long fallback) const;
  /// True when --name was given.
  bool has(const std::string& name) const;

 private:
  std::vector<std::string> positional_;
  std::map<std::string, std::string> options_;
};

}  // namespace miditok::cli
