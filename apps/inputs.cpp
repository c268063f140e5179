// Expanding command-line files and folders into the files of a batch (see inputs.h).
#include "inputs.h"

#include <algorithm>
#include <cctype>
#include <system_error>
#include <unordered_map>

#include "miditok/data/split_files.h"
#include "miditok/data/token_files.h"

namespace miditok::cli {

namespace fs = std::filesystem;

namespace {

bool has_extension(const fs::path& path, const std::vector<std::string>& extensions) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return std::find(extensions.begin(), extensions.end(), ext) != extensions.end();
}

// The files under `dir` with one of the extensions, sorted by path; unreadable sub-folders are
// reported in `summary`.
void walk_folder(const fs::path& dir, const std::vector<std::string>& extensions,
                 std::vector<std::string>& out, Summary& summary) {
  std::vector<std::string> found;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::none, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::error_code type_ec;
    if (it->is_regular_file(type_ec) && has_extension(it->path(), extensions)) {
      found.push_back(it->path().string());
    }
  }
  if (ec) summary.add_skipped(dir.string(), "cannot read the folder: " + ec.message());
  std::sort(found.begin(), found.end());
  out.insert(out.end(), found.begin(), found.end());
}

}  // namespace

InputFiles collect_inputs(const std::vector<std::string>& arguments,
                          const std::vector<std::string>& extensions, Summary& summary) {
  InputFiles inputs;
  std::vector<std::string> anchors;  // one path per argument whose parent is its root
  TokenFilePaths resolve;            // each folder of file arguments resolved once
  for (const std::string& argument : arguments) {
    std::error_code ec;
    const fs::file_status status = fs::status(argument, ec);
    if (fs::is_directory(status)) {
      walk_folder(argument, extensions, inputs.paths, summary);
      anchors.push_back((fs::weakly_canonical(fs::absolute(argument)) / "_").string());
    } else if (fs::is_regular_file(status)) {
      inputs.paths.push_back(argument);
      anchors.push_back(resolve.resolved(argument).string());
    } else if (status.type() == fs::file_type::not_found) {
      summary.add_skipped(argument, "no such file or folder");
    } else if (ec) {
      summary.add_skipped(argument, ec.message());
    } else {
      summary.add_skipped(argument, "not a regular file or folder");
    }
  }
  inputs.root = deepest_common_dir(anchors);
  return inputs;
}

fs::path output_path(const std::string& input, const fs::path& root, const fs::path& out_dir,
                     const std::string& suffix, TokenFilePaths* paths) {
  fs::path out =
      paths != nullptr ? (*paths)(input, root, out_dir) : token_file_path(input, root, out_dir);
  return out.replace_extension(suffix);
}

void drop_output_collisions(InputFiles& inputs, const fs::path& out_dir, const std::string& suffix,
                            Summary& summary) {
  std::unordered_map<std::string, std::size_t> first_of;  // output path -> index in kept
  std::vector<std::string> kept;
  kept.reserve(inputs.paths.size());
  TokenFilePaths paths;
  for (std::size_t i = 0; i < inputs.paths.size(); ++i) {
    std::string out;
    try {
      out = output_path(inputs.paths[i], inputs.root, out_dir, suffix, &paths).string();
    } catch (const std::exception& error) {
      summary.add_skipped(inputs.paths[i], error.what());
      continue;
    }
    const auto [it, fresh] = first_of.emplace(out, kept.size());
    if (fresh) {
      kept.push_back(std::move(inputs.paths[i]));
    } else {
      summary.add_skipped(inputs.paths[i],
                          "its output " + out + " is already the output of " + kept[it->second]);
    }
  }
  inputs.paths = std::move(kept);
}

}  // namespace miditok::cli
