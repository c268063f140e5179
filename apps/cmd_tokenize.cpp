// `miditok-cpp tokenize`: music files and folders to MidiTok token JSON files, on every core.
// Each file is read, tokenized (with the trained model when the params file has one) and written
// by a worker as soon as it is done, so memory does not grow with the number of files. Outputs
// mirror the inputs' layout under --out; unreadable files are skipped and listed.
#include <filesystem>
#include <memory>

#include "batch_options.h"
#include "commands.h"
#include "inputs.h"
#include "miditok/data/token_files.h"
#include "params_io.h"
#include "progress.h"
#include "summary.h"

namespace miditok::cli {

namespace {

struct TokenizeOptions {
  BatchOptions batch;
  TokenizerSource source;
  std::string out_dir;
  bool save_programs = false;
};

int run_tokenize(const TokenizeOptions& options) {
  require_tokenizer(options.source);
  apply_threads(options.batch);
  const LoadedTokenizer loaded = load_tokenizer(options.source);
  Summary summary("tokenized");
  InputFiles inputs = collect_inputs(options.batch.inputs, options.batch.extensions, summary);
  drop_output_collisions(inputs, options.out_dir, ".json", summary);

  TokenFilesOptions write;
  write.root_dir = inputs.root;
  write.out_dir = options.out_dir;
  write.save_programs = options.save_programs;
  Progress progress("tokenize", inputs.paths.size(), options.batch.progress);
  const TokenFilesResult result =
      write_token_files(*loaded.tokenizer, loaded.model_ptr(), inputs.paths, {}, write,
                        options.batch.threads, &progress.counter());
  progress.finish();
  summary.add_results(inputs.paths, result.errors);
  summary.print(" into " + options.out_dir);
  return batch_exit_code(options.batch, summary.skipped());
}

}  // namespace

void add_tokenize(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<TokenizeOptions>();
  CLI::App* cmd = app.add_subcommand(
      "tokenize",
      "Tokenize music files (MIDI, ABC) into MidiTok token JSON files: OUT/<folder of the file "
      "relative to the inputs' common folder>/<stem>.json");
  add_tokenizer_options(*cmd, options->source);
  cmd->add_option("-o,--out", options->out_dir, "output folder")->required();
  cmd->add_flag("--save-programs", options->save_programs,
                "add each track's [program, is_drum] to the token files");
  add_batch_options(*cmd, options->batch, ".mid,.midi,.abc");
  cmd->callback([options, &exit_code] { exit_code = run_tokenize(*options); });
}

}  // namespace miditok::cli
