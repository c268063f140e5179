// `miditok-cpp info`: one line per music file (resolution, tracks, notes, tempos, time signatures,
// length), a summary of each tokenizer params file (.json): tokenization, vocabulary, model, and
// of each token store folder (its manifest: documents, tokens, dtype, shards, failed files).
// Files are read one at a time and printed at once; unreadable ones are listed at the end.
// --plot draws a piano roll (one file) or, with --params, a dataset report, by running
// `python3 -m miditok_cpp.plot` (matplotlib lives on the Python side).
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>

#include "batch_options.h"
#include "commands.h"
#include "inputs.h"
#include "miditok/data/encode_files.h"
#include "miditok/data/token_store.h"
#include "miditok/score/score_ops.h"
#include "params_io.h"
#include "python_child.h"
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

namespace fs = std::filesystem;

struct InfoOptions {
  BatchOptions batch;
  std::string plot;    ///< PNG to draw, empty: none
  std::string params;  ///< --plot with a tokenizer: the dataset report
};

constexpr std::size_t kErrorsListed = 20;

bool is_token_store(const std::string& path) {
  std::error_code ec;
  return fs::is_directory(path, ec) && fs::exists(fs::path(path) / kTokenStoreManifest, ec);
}

// The store opened (validating every shard) and its manifest's shards and failed files.
void print_token_store(const std::string& dir) {
  const TokenStore store(dir);
  std::ifstream in(fs::path(dir) / kTokenStoreManifest);
  const nlohmann::json manifest = nlohmann::json::parse(in);
  const nlohmann::json& files = manifest.at("files");
  std::vector<std::pair<std::string, std::string>> errors;
  for (const nlohmann::json& file : files) {
    if (file.contains("error") && file["error"].is_string())
      errors.emplace_back(file.value("path", "?"), file["error"].get<std::string>());
  }
  std::printf(
      "%s: token store, %zu documents, %llu tokens, dtype %s, vocab %zu, %zu shards, %zu files, "
      "%zu errors, tokenizer %s\n",
      dir.c_str(), store.size(), static_cast<unsigned long long>(store.num_tokens()),
      store.dtype().c_str(), store.vocab_size(), manifest.at("shards").size(), files.size(),
      errors.size(), store.tokenizer_hash().c_str());
  for (std::size_t i = 0; i < errors.size() && i < kErrorsListed; ++i) {
    std::printf("  error %s: %s\n", errors[i].first.c_str(), errors[i].second.c_str());
  }
  if (errors.size() > kErrorsListed)
    std::printf("  ... %zu more errors\n", errors.size() - kErrorsListed);
}

// --plot: the piano roll of the one music file, or the dataset report of them all with --params.
int plot(const InfoOptions& options, const std::vector<std::string>& music) {
  const std::string hint =
      "--plot needs Python 3 with miditok_cpp and matplotlib (pip install 'miditok-cpp[plot]')";
  std::vector<std::string> args;
  if (options.params.empty()) {
    if (music.size() != 1) {
      throw CLI::ValidationError("--plot", "draws the piano roll of one music file (" +
                                               std::to_string(music.size()) +
                                               " given); --params FILE draws a dataset report");
    }
    args = {"pianoroll", music[0]};
  } else {
    if (music.empty()) throw CLI::ValidationError("--plot", "no music file to report on");
    args = {"report"};
    args.insert(args.end(), music.begin(), music.end());
    args.insert(args.end(), {"--tokenizer", options.params});
  }
  args.insert(args.end(), {"-o", options.plot});
  return run_python_module("miditok_cpp.plot", args, hint) == 0 ? 0 : 1;
}

int run_info(const InfoOptions& info) {
  const BatchOptions& options = info.batch;
  Summary summary("described");
  std::vector<std::string> arguments;
  std::vector<std::string> stores;
  for (const std::string& argument : options.inputs)
    (is_token_store(argument) ? stores : arguments).push_back(argument);
  for (const std::string& dir : stores) {
    try {
      print_token_store(dir);
      summary.add_done();
    } catch (const std::exception& error) {
      summary.add_skipped(dir, error.what());
    }
  }
  const InputFiles inputs = collect_inputs(arguments, options.extensions, summary);
  std::vector<std::string> music;
  for (const std::string& path : inputs.paths) {
    try {
      if (std::filesystem::path(path).extension() == ".json") {
        print_params_file(path);
      } else {
        print_music_file(path);
        music.push_back(path);
      }
      summary.add_done();
    } catch (const std::exception& error) {
      summary.add_skipped(path, error.what());
    }
    std::fflush(stdout);
  }
  summary.print();
  const int code = batch_exit_code(options, summary.skipped());
  if (info.plot.empty()) return code;
  const int plotted = plot(info, music);
  return plotted != 0 ? plotted : code;
}

}  // namespace

void add_info(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<InfoOptions>();
  CLI::App* cmd = app.add_subcommand(
      "info",
      "Summarize music files (MIDI, ABC), tokenizer params files (.json) and token store folders");
  add_input_options(*cmd, options->batch, ".mid,.midi,.abc");
  auto* plot = cmd->add_option(
      "--plot", options->plot,
      "PNG to draw with Python's miditok_cpp.plot: the piano roll of the music file, or with "
      "--params the dataset report of the music files");
  cmd->add_option("-p,--params", options->params, "tokenizer params file of the --plot report")
      ->check(CLI::ExistingFile)
      ->needs(plot);
  cmd->callback([options, &exit_code] { exit_code = run_info(*options); });
}

}  // namespace miditok::cli
