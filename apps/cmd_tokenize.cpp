// `miditok-cpp tokenize`: music files and folders to MidiTok token JSON files (--out) or to a
// token store (--store), on every core. Each file is read and tokenized (with the trained model
// when the params file has one) by a worker; JSON files are written as soon as they are done and
// store shards as they fill, so memory does not grow with the number of files. JSON outputs
// mirror the inputs' layout under --out; unreadable files are skipped and listed.
#include <cstdio>
#include <filesystem>
#include <memory>

#include "batch_options.h"
#include "commands.h"
#include "inputs.h"
#include "miditok/data/token_files.h"
#include "miditok/data/token_store.h"
#include "params_io.h"
#include "progress.h"
#include "summary.h"

namespace miditok::cli {

namespace {

struct TokenizeOptions {
  BatchOptions batch;
  TokenizerSource source;
  std::string out_dir;
  std::string store_dir;
  bool append = false;
  bool save_programs = false;
};

// --store: every file into the token store (one document per token stream); an existing store
// is only added to with --append.
int run_tokenize_to_store(const TokenizeOptions& options, const LoadedTokenizer& loaded,
                          const InputFiles& inputs, Summary& summary) {
  namespace fs = std::filesystem;
  if (!options.append && fs::exists(fs::path(options.store_dir) / kTokenStoreManifest)) {
    throw CLI::ValidationError(
        "--store", options.store_dir + " is already a token store (--append adds to it)");
  }
  TokenStoreOptions store;
  store.threads = options.batch.threads;
  Progress progress("tokenize", inputs.paths.size(), options.batch.progress);
  store.done = &progress.counter();
  const TokenStoreReport report = tokenize_to_store(*loaded.tokenizer, loaded.model_ptr(),
                                                    inputs.paths, options.store_dir, store);
  progress.finish();
  std::vector<std::string> errors(inputs.paths.size());
  for (const auto& [index, message] : report.errors) errors[index] = message;
  summary.add_results(inputs.paths, errors);
  char added[160];
  std::snprintf(added, sizeof added, " into the token store %s (%zu documents, %llu tokens added)",
                options.store_dir.c_str(), report.documents,
                static_cast<unsigned long long>(report.tokens));
  summary.print(added);
  return batch_exit_code(options.batch, summary.skipped());
}

int run_tokenize(const TokenizeOptions& options) {
  require_tokenizer(options.source);
  if (options.out_dir.empty() && options.store_dir.empty())
    throw CLI::RequiredError("--out DIR or --store DIR");
  apply_threads(options.batch);
  const LoadedTokenizer loaded = load_tokenizer(options.source);
  Summary summary("tokenized");
  InputFiles inputs = collect_inputs(options.batch.inputs, options.batch.extensions, summary);
  if (!options.store_dir.empty()) return run_tokenize_to_store(options, loaded, inputs, summary);
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
      "relative to the inputs' common folder>/<stem>.json, or into a token store (--store)");
  add_tokenizer_options(*cmd, options->source);
  auto* out = cmd->add_option("-o,--out", options->out_dir, "output folder of the JSON files");
  auto* store = cmd->add_option("--store", options->store_dir,
                                "token store folder instead of JSON files (numpy .npy shards and "
                                "manifest.json, read by DatasetTokens and np.load)");
  out->excludes(store);
  store->excludes(out);
  cmd->add_flag("--append", options->append, "add to the existing token store of --store")
      ->needs(store);
  cmd->add_flag("--save-programs", options->save_programs,
                "add each track's [program, is_drum] to the token files")
      ->excludes(store);
  add_batch_options(*cmd, options->batch, ".mid,.midi,.abc");
  cmd->callback([options, &exit_code] { exit_code = run_tokenize(*options); });
}

}  // namespace miditok::cli
