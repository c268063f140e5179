// `miditok-cpp train`: learns a BPE, Unigram or WordPiece model over music files and folders as
// MidiTok's tokenizer.train does (on every core), then writes the params file with the model, in
// MidiTok's schema: Python's MusicTokenizer(params=...) and this tool's --params both load it.
#include <cstdio>
#include <memory>

#include "batch_options.h"
#include "commands.h"
#include "inputs.h"
#include "miditok/core/error.h"
#include "miditok/tokenizer/training.h"
#include "params_io.h"
#include "progress.h"
#include "summary.h"

namespace miditok::cli {

namespace {

struct TrainOptions {
  BatchOptions batch;
  TokenizerSource source;
  std::string out;
  std::string model = "BPE";
  std::size_t vocab_size = 0;
  uint64_t min_frequency = 0;
};

// MidiTok's Unigram training adds "<special>-unigram" for each special token, after the base ids.
void add_unigram_special_tokens(MusicTokenizer& tokenizer) {
  const std::vector<std::string> specials = tokenizer.special_tokens();
  for (const std::string& token : specials) {
    const std::string suffixed = token + "-unigram";
    if (token.size() < 8 || token.compare(token.size() - 8, 8, "-unigram") != 0) {
      if (!tokenizer.has_token(suffixed))
        tokenizer.add_to_vocab(suffixed, true, tokenizer.unigram_byte(suffixed));
    }
  }
}

int run_train(const TrainOptions& options) {
  require_tokenizer(options.source);
  apply_threads(options.batch);
  LoadedTokenizer loaded = load_tokenizer(options.source);
  try {
    check_trainable(*loaded.tokenizer);
  } catch (const Error& error) {
    throw CLI::ValidationError("--params/--tokenization", error.what());
  }
  if (options.vocab_size <= loaded.tokenizer->vocab_size()) {
    throw CLI::ValidationError("--vocab-size", std::to_string(options.vocab_size) +
                                                   " must be above the " +
                                                   std::to_string(loaded.tokenizer->vocab_size()) +
                                                   " base tokens of the tokenizer");
  }
  Summary summary("trained on");
  const InputFiles inputs = collect_inputs(options.batch.inputs, options.batch.extensions, summary);

  TrainingOptions training;
  training.vocab_size = options.vocab_size;
  training.model = options.model;
  training.min_frequency = options.min_frequency;
  TrainingResult result;
  {
    Progress progress("train " + options.model, inputs.paths.size(), options.batch.progress);
    auto& counter = progress.counter();
    result = train_from_files(*loaded.tokenizer, inputs.paths, training,
                              [&counter](std::size_t done) { counter = done; });
  }
  summary.add_done(result.files_used);
  for (auto& [path, reason] : result.skipped) summary.add_skipped(path, reason);
  if (options.model == "Unigram") add_unigram_special_tokens(*loaded.tokenizer);
  const std::size_t learned = result.model.vocab_size();
  write_params_file(*loaded.tokenizer, std::move(result.model), options.out);
  summary.print(", " + options.model + " vocabulary of " + std::to_string(learned) +
                " tokens written to " + options.out);
  return batch_exit_code(options.batch, summary.skipped());
}

}  // namespace

void add_train(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<TrainOptions>();
  CLI::App* cmd = app.add_subcommand(
      "train", "Train a BPE, Unigram or WordPiece model on music files and write the params file");
  add_tokenizer_options(*cmd, options->source);
  cmd->add_option("-o,--out", options->out, "params file to write (tokenizer.json)")->required();
  cmd->add_option("-m,--model", options->model, "model to train (default BPE)")
      ->check(CLI::IsMember({"BPE", "Unigram", "WordPiece"}));
  cmd->add_option("-s,--vocab-size", options->vocab_size, "vocabulary size of the trained model")
      ->required()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--min-frequency", options->min_frequency,
                  "minimum count of a merge / piece (default 0)");
  add_batch_options(*cmd, options->batch, ".mid,.midi,.abc");
  cmd->callback([options, &exit_code] { exit_code = run_train(*options); });
}

}  // namespace miditok::cli
