// The options the batch subcommands share (see batch_options.h).
#include "batch_options.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <string>

namespace miditok::cli {

namespace {

// ".MID" / "mid" -> ".mid": the filter compares lower-case extensions with their dot.
std::string normalize_extension(std::string ext) {
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (!ext.empty() && ext.front() != '.') ext.insert(ext.begin(), '.');
  return ext;
}

}  // namespace

void add_input_options(CLI::App& cmd, BatchOptions& options, const std::string& default_exts) {
  cmd.add_option("inputs", options.inputs, "files and folders (folders are searched recursively)")
      ->required();
  cmd.add_option("--ext", options.extensions,
                 "extensions of the files taken from folders, comma separated (default: " +
                     default_exts + "); files named on the command line are always taken")
      ->delimiter(',')
      ->transform([](std::string ext) {
        if (ext.empty() || ext == ".") throw CLI::ValidationError("--ext", "empty extension");
        return normalize_extension(std::move(ext));
      });
  cmd.add_flag("-k,--keep-going", options.keep_going,
               "exit 0 even when some files failed (they are still listed in the summary)");
  options.extensions.clear();  // the default, replaced by --ext when given
  std::size_t start = 0;
  while (start <= default_exts.size()) {
    const std::size_t comma = std::min(default_exts.find(',', start), default_exts.size());
    options.extensions.push_back(normalize_extension(default_exts.substr(start, comma - start)));
    start = comma + 1;
  }
}

void add_batch_options(CLI::App& cmd, BatchOptions& options, const std::string& default_exts) {
  add_input_options(cmd, options, default_exts);
  cmd.add_option("-j,--threads", options.threads, "worker threads (default 0: every core)")
      ->check(CLI::Validator(
          [](std::string& value) -> std::string {
            const bool digits = !value.empty() && value.size() <= 4 &&
                                std::all_of(value.begin(), value.end(),
                                            [](unsigned char c) { return std::isdigit(c); });
            if (digits && std::stoi(value) <= 1024) return {};
            return "'" + value +
                   "' is not a number of threads (a whole number 0-1024; 0: every core)";
          },
          "0-1024"));
  cmd.add_option("--progress", options.progress,
                 "progress display: auto (a bar on a terminal, lines otherwise), bar, lines, none")
      ->check(CLI::IsMember({"auto", "bar", "lines", "none"}));
}

void add_tokenizer_options(CLI::App& cmd, TokenizerSource& source) {
  auto* params = cmd.add_option("-p,--params", source.params,
                                "tokenizer params file (MidiTok's tokenizer.json)")
                     ->check(CLI::ExistingFile);
  auto* name = cmd.add_option("-t,--tokenization", source.tokenization,
                              "tokenization with its default config (REMI, TSD, MIDILike, ...)");
  params->excludes(name);
  name->excludes(params);
}

void require_tokenizer(const TokenizerSource& source) {
  if (source.params.empty() && source.tokenization.empty())
    throw CLI::RequiredError("--params FILE or --tokenization NAME");
}

void apply_threads(const BatchOptions& options) {
  if (options.threads > 0)
    ::setenv("MIDITOK_NUM_THREADS", std::to_string(options.threads).c_str(), 1);
}

int batch_exit_code(const BatchOptions& options, std::size_t failed) {
  return failed == 0 || options.keep_going ? 0 : 1;
}

}  // namespace miditok::cli
