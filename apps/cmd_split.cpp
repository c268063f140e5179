// `miditok-cpp split`: MidiTok's split_files_for_training from the command line: music files and
// folders cut at bars into chunks of about --max-seq-len tokens, written as MIDI files under
// --out in the inputs' layout, each file on a worker as soon as it is read.
#include <filesystem>
#include <memory>
#include <numeric>
#include <optional>

#include "batch_options.h"
#include "commands.h"
#include "inputs.h"
#include "miditok/core/error.h"
#include "miditok/data/encode_files.h"
#include "miditok/data/split_files.h"
#include "params_io.h"
#include "progress.h"
#include "summary.h"

namespace miditok::cli {

namespace {

namespace fs = std::filesystem;

// MidiTok estimates the tokens per note on the first 200 files when it is not given.
constexpr std::size_t kFilesForTokensPerNote = 200;

struct SplitOptions {
  BatchOptions batch;
  TokenizerSource source;
  std::string out_dir;
  int max_seq_len = 1024;
  std::optional<double> tokens_per_note;
  int num_overlap_bars = 1;
  std::optional<int> min_seq_len;
};

double average_tokens_per_note(const LoadedTokenizer& loaded,
                               const std::vector<std::string>& paths) {
  const std::vector<std::string> head(
      paths.begin(),
      paths.begin() + static_cast<std::ptrdiff_t>(std::min(paths.size(), kFilesForTokensPerNote)));
  const std::vector<double> ratios =
      tokens_per_note_ratios(*loaded.tokenizer, loaded.model_ptr(), head);
  if (ratios.empty()) throw ConfigError("none of the first files holds a note: nothing to split");
  return std::accumulate(ratios.begin(), ratios.end(), 0.0) / static_cast<double>(ratios.size());
}

int run_split(const SplitOptions& options) {
  require_tokenizer(options.source);
  apply_threads(options.batch);
  const LoadedTokenizer loaded = load_tokenizer(options.source);
  Summary summary("split");
  const InputFiles inputs = collect_inputs(options.batch.inputs, options.batch.extensions, summary);
  if (inputs.paths.empty()) {
    summary.print();
    return batch_exit_code(options.batch, summary.skipped());
  }
  const MusicTokenizer& tokenizer = *loaded.tokenizer;
  SplitFilesOptions split;
  split.save_dir = options.out_dir;
  split.root_dir = inputs.root.string();
  split.max_seq_len = options.max_seq_len;
  split.average_num_tokens_per_note = options.tokens_per_note
                                          ? *options.tokens_per_note
                                          : average_tokens_per_note(loaded, inputs.paths);
  split.num_overlap_bars = options.num_overlap_bars;
  split.min_seq_len = options.min_seq_len;
  split.one_token_stream = tokenizer.one_token_stream();
  split.use_time_signatures = tokenizer.config().use_time_signatures;
  if (split.use_time_signatures) split.supported_time_signatures = tokenizer.time_signatures();

  std::vector<std::size_t> chunks(inputs.paths.size(), 0);
  std::vector<std::string> errors;
  {
    Progress progress("split", inputs.paths.size(), options.batch.progress);
    errors = for_each_file(
        inputs.paths,
        [&](std::size_t i) {
          // Chunks go under the file's resolved folder relative to the root, named as given.
          const fs::path given(inputs.paths[i]);
          const fs::path parent = fs::weakly_canonical(fs::absolute(given).parent_path());
          SplitFileResult result = split_midi_file((parent / given.filename()).string(), split);
          if (!result.error.empty()) throw Error(result.error);
          chunks[i] = result.chunk_paths.size();
        },
        options.batch.threads, &progress.counter());
  }
  summary.add_results(inputs.paths, errors);
  const std::size_t total_chunks = std::accumulate(chunks.begin(), chunks.end(), std::size_t{0});
  summary.print(" into " + std::to_string(total_chunks) + " chunks in " + options.out_dir);
  return batch_exit_code(options.batch, summary.skipped());
}

}  // namespace

void add_split(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<SplitOptions>();
  CLI::App* cmd = app.add_subcommand(
      "split",
      "Split music files into chunks of about --max-seq-len tokens for training (MidiTok's "
      "split_files_for_training), written as MIDI files under --out");
  add_tokenizer_options(*cmd, options->source);
  cmd->add_option("-o,--out", options->out_dir, "output folder of the chunks")->required();
  cmd->add_option("-l,--max-seq-len", options->max_seq_len, "tokens per chunk (default 1024)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--tokens-per-note", options->tokens_per_note,
                  "average tokens per note (default: measured on the first 200 files)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--num-overlap-bars", options->num_overlap_bars,
                  "bars repeated at the start of the next chunk (default 1)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--min-seq-len", options->min_seq_len, "drop the chunks shorter than this")
      ->check(CLI::NonNegativeNumber);
  add_batch_options(*cmd, options->batch, ".mid,.midi");
  cmd->callback([options, &exit_code] { exit_code = run_split(*options); });
}

}  // namespace miditok::cli
