// The files a batch works on: command-line files and folders expanded (folders recursively, in
// name order, filtered by extension), and the root folder their output layout is relative to.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "summary.h"

namespace miditok {
class TokenFilePaths;
}  // namespace miditok

namespace miditok::cli {

struct InputFiles {
  std::vector<std::string> paths;
  /// Deepest folder (resolved) holding every input: a folder argument is its own root, a file
  /// argument contributes its parent folder, so outputs mirror the layout under it.
  std::filesystem::path root;
};

/// Expands the arguments; a missing or unreadable argument is added to `summary` as skipped.
/// `extensions` are lower case with their dot (".mid"); files named directly are always taken.
InputFiles collect_inputs(const std::vector<std::string>& arguments,
                          const std::vector<std::string>& extensions, Summary& summary);

/// `out_dir` / (the input's folder relative to `root`) / <stem><suffix>; with `paths`, the input
/// folders resolved so far are reused.
std::filesystem::path output_path(const std::string& input, const std::filesystem::path& root,
                                  const std::filesystem::path& out_dir, const std::string& suffix,
                                  TokenFilePaths* paths = nullptr);

/// Drops the inputs whose output path another input already has (e.g. song.mid and song.midi
/// in one folder), adding them to `summary` as skipped; the first one keeps the name.
void drop_output_collisions(InputFiles& inputs, const std::filesystem::path& out_dir,
                            const std::string& suffix, Summary& summary);

}  // namespace miditok::cli
