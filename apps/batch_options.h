// Options every batch subcommand shares: the tokenizer (a params file or a tokenization's
// default config), the inputs and their extensions, threads, --keep-going and the progress mode.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

#include "miditok/tokenizer/music_tokenizer.h"

namespace miditok::cli {

struct BatchOptions {
  std::vector<std::string> inputs;      ///< files and folders
  std::vector<std::string> extensions;  ///< folder filter, lower case with the dot
  unsigned threads = 0;                 ///< 0: every core
  bool keep_going = false;
  std::string progress = "auto";  ///< auto, bar, lines, none
};

/// Where the tokenizer comes from: --params FILE or --tokenization NAME (default config).
struct TokenizerSource {
  std::string params;
  std::string tokenization;
};

/// Adds the inputs (positional, required), --ext (default `default_exts`) and --keep-going.
void add_input_options(CLI::App& cmd, BatchOptions& options, const std::string& default_exts);

/// add_input_options, then --threads and --progress.
void add_batch_options(CLI::App& cmd, BatchOptions& options, const std::string& default_exts);

/// Adds --params / --tokenization (exactly one required).
void add_tokenizer_options(CLI::App& cmd, TokenizerSource& source);

/// Throws CLI11's RequiredError when neither --params nor --tokenization was given.
void require_tokenizer(const TokenizerSource& source);

/// Applies --threads to the library's thread pool (MIDITOK_NUM_THREADS).
void apply_threads(const BatchOptions& options);

/// Exit code of a batch: 0 when nothing failed or with --keep-going, else 1.
int batch_exit_code(const BatchOptions& options, std::size_t failed);

}  // namespace miditok::cli
