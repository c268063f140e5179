// The closing summary of a batch: how many files were done and which were skipped, with why.
// Skipped files are kept (path and reason) so the summary can list them; the files done are
// only counted, so memory stays flat in the number of files.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace miditok::cli {

class Summary {
 public:
  /// `verb` names the work in the closing line ("tokenized", "split", ...).
  explicit Summary(std::string verb) : verb_(std::move(verb)) {}
  void add_done(std::size_t n = 1) { done_ += n; }
  void add_skipped(std::string path, std::string reason) {
    skipped_.emplace_back(std::move(path), std::move(reason));
  }
  /// Per file of a batch call: done when its error is empty, else skipped with the error.
  void add_results(const std::vector<std::string>& paths, const std::vector<std::string>& errors);
  std::size_t done() const { return done_; }
  std::size_t skipped() const { return skipped_.size(); }
  /// Prints "<verb> N files, M skipped" (stdout) and each skipped file with its reason (stderr);
  /// `extra` is appended to the first line.
  void print(const std::string& extra = "") const;

 private:
  std::string verb_;
  std::size_t done_ = 0;
  std::vector<std::pair<std::string, std::string>> skipped_;
};

}  // namespace miditok::cli
