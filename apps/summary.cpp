// The closing summary of a batch (see summary.h).
#include "summary.h"

#include <cstdio>

namespace miditok::cli {

void Summary::add_results(const std::vector<std::string>& paths,
                          const std::vector<std::string>& errors) {
  for (std::size_t i = 0; i < paths.size() && i < errors.size(); ++i) {
    if (errors[i].empty()) {
      ++done_;
    } else {
      add_skipped(paths[i], errors[i]);
    }
  }
}

void Summary::print(const std::string& extra) const {
  std::printf("%s %zu file%s, %zu skipped%s\n", verb_.c_str(), done_, done_ == 1 ? "" : "s",
              skipped_.size(), extra.c_str());
  std::fflush(stdout);
  for (const auto& [path, reason] : skipped_) {
    std::fprintf(stderr, "skipped %s: %s\n", path.c_str(), reason.c_str());
  }
}

}  // namespace miditok::cli
