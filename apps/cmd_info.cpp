// `miditok-cpp info`: one line per music file (resolution, tracks, notes, tempos, time signatures,
// length) and a summary of each tokenizer params file (.json): tokenization, vocabulary, model.
// Files are read one at a time and printed at once; unreadable ones are listed at the end.
#include <cstdio>
#include <filesystem>
#include <memory>

#include "batch_options.h"
#include "commands.h"
#include "inputs.h"
#include "miditok/data/encode_files.h"
#include "miditok/score/score_ops.h"
#include "params_io.h"
#include "summary.h"

namespace miditok::cli {

namespace {

void print_music_file(const std::string& path) {
  const Score score = read_music_file(path);
  std::printf("%s: tpq %d, %zu tracks, %zu notes, %zu tempos, %zu time signatures, end tick %d\n",
              path.c_str(), score.ticks_per_quarter, score.tracks.size(), note_num(score),
              score.tempos.size(), score.time_signatures.size(), score_end(score));
}

void print_params_file(const std::string& path) {
  const LoadedTokenizer loaded = read_params_file(path);
  const MusicTokenizer& tokenizer = *loaded.tokenizer;
  const TokenizerConfig& config = tokenizer.config();
  std::printf("%s: %s tokenizer, %zu base tokens, %zu special tokens, %s, ", path.c_str(),
              tokenizer.class_name().c_str(), tokenizer.vocab_size(),
              tokenizer.special_tokens().size(),
              tokenizer.one_token_stream() ? "one token stream" : "one sequence per track");
  std::printf("pitches %d-%d, %zu velocities, %zu durations, ", config.pitch_range.first,
              config.pitch_range.second, tokenizer.velocities().size(),
              tokenizer.durations().size());
  if (loaded.model) {
    std::printf("trained %s, %zu tokens (ids split per %s)\n", loaded.model->model_name().c_str(),
                loaded.model->vocab_size(), config.encode_ids_split.c_str());
  } else {
    std::printf("not trained\n");
  }
}

int run_info(const BatchOptions& options) {
  Summary summary("described");
  const InputFiles inputs = collect_inputs(options.inputs, options.extensions, summary);
  for (const std::string& path : inputs.paths) {
    try {
      if (std::filesystem::path(path).extension() == ".json") {
        print_params_file(path);
      } else {
        print_music_file(path);
      }
      summary.add_done();
    } catch (const std::exception& error) {
      summary.add_skipped(path, error.what());
    }
    std::fflush(stdout);
  }
  summary.print();
  return batch_exit_code(options, summary.skipped());
}

}  // namespace

void add_info(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<BatchOptions>();
  CLI::App* cmd = app.add_subcommand(
      "info", "Summarize music files (MIDI, ABC) and tokenizer params files (.json)");
  add_input_options(*cmd, *options, ".mid,.midi,.abc");
  cmd->callback([options, &exit_code] { exit_code = run_info(*options); });
}

}  // namespace miditok::cli
