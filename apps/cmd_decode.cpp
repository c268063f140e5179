// `miditok-cpp decode`: MidiTok token JSON files (what `tokenize` writes) back to MIDI files.
// Ids encoded with the trained model are expanded first. A single token file can be written to
// an --out ending in .mid; otherwise --out is a folder mirroring the inputs' layout. With --store
// and --index, one document of a token store is decoded to the .mid file --out.
#include <cstdio>
#include <filesystem>
#include <memory>

#include "batch_options.h"
#include "commands.h"
#include "inputs.h"
#include "miditok/core/error.h"
#include "miditok/data/encode_files.h"
#include "miditok/data/token_store.h"
#include "miditok/midi/midi_writer.h"
#include "miditok/tokenizer/training.h"
#include "params_io.h"
#include "progress.h"
#include "summary.h"
#include "token_json.h"

namespace miditok::cli {

namespace {

namespace fs = std::filesystem;

struct DecodeOptions {
  BatchOptions batch;
  TokenizerSource source;
  std::string out;
  std::string store_dir;
  std::size_t index = 0;
};

bool names_midi_file(const std::string& path) {
  const std::string ext = fs::path(path).extension().string();
  return ext == ".mid" || ext == ".midi" || ext == ".MID" || ext == ".MIDI";
}

Score decode_file(const LoadedTokenizer& loaded, const std::string& path) {
  TokenFile file = read_token_file(path);
  const MusicTokenizer& tokenizer = *loaded.tokenizer;
  if (!tokenizer.one_token_stream() && file.sequences.size() == 1 && file.sequences[0].ids.empty())
    file.sequences.clear();  // "ids": [] is an empty list of tracks for a multi-stream tokenizer
  for (TokSequence& seq : file.sequences) {
    if (!seq.are_ids_encoded) continue;
    if (!loaded.model)
      throw TokenError(path + ": its ids are encoded but the tokenizer is not trained");
    decode_token_ids(tokenizer, *loaded.model, seq);
  }
  return tokenizer.decode(std::move(file.sequences), file.programs);
}

// --store DIR --index I: document I of the store (ids encoded with the model when trained).
int decode_store_document(const DecodeOptions& options, const LoadedTokenizer& loaded) {
  if (!names_midi_file(options.out))
    throw CLI::ValidationError("--out", "with --store, --out is the .mid file to write");
  const TokenStore store(options.store_dir);
  if (store.tokenizer_hash() != tokenizer_hash(*loaded.tokenizer, loaded.model_ptr())) {
    throw ConfigError(options.store_dir + " was written with another tokenizer (" +
                      store.tokenizer_hash() + ") than the one given");
  }
  if (options.index >= store.size()) {
    throw CLI::ValidationError("--index", std::to_string(options.index) +
                                              " is out of range: " + options.store_dir + " holds " +
                                              std::to_string(store.size()) + " documents");
  }
  TokSequence seq;
  for (const std::int64_t id : store.ids(options.index))
    seq.ids.push_back(static_cast<token_id_t>(id));
  if (loaded.model) {
    seq.are_ids_encoded = true;
    decode_token_ids(*loaded.tokenizer, *loaded.model, seq);
  }
  std::vector<TokSequence> sequences;
  sequences.push_back(std::move(seq));
  const Score score = loaded.tokenizer->decode(std::move(sequences));
  const fs::path out(options.out);
  std::error_code ec;
  if (out.has_parent_path()) fs::create_directories(out.parent_path(), ec);
  write_midi_file(score, out.string());
  std::printf("decoded document %zu of %s into %s\n", options.index, options.store_dir.c_str(),
              options.out.c_str());
  return 0;
}

int run_decode(const DecodeOptions& options) {
  require_tokenizer(options.source);
  apply_threads(options.batch);
  const LoadedTokenizer loaded = load_tokenizer(options.source);
  if (!options.store_dir.empty()) return decode_store_document(options, loaded);
  if (options.batch.inputs.empty()) throw CLI::RequiredError("inputs (or --store DIR --index I)");
  Summary summary("decoded");
  InputFiles inputs = collect_inputs(options.batch.inputs, options.batch.extensions, summary);
  const bool single = inputs.paths.size() == 1 && names_midi_file(options.out) &&
                      options.batch.inputs.size() == 1 &&
                      fs::is_regular_file(options.batch.inputs[0]);
  if (!single) drop_output_collisions(inputs, options.out, ".mid", summary);
  std::vector<std::string> errors;
  {
    Progress progress("decode", inputs.paths.size(), options.batch.progress);
    errors = for_each_file(
        inputs.paths,
        [&](std::size_t i) {
          const Score score = decode_file(loaded, inputs.paths[i]);
          const fs::path out = single
                                   ? fs::path(options.out)
                                   : output_path(inputs.paths[i], inputs.root, options.out, ".mid");
          std::error_code ec;
          if (out.has_parent_path()) fs::create_directories(out.parent_path(), ec);
          write_midi_file(score, out.string());
        },
        options.batch.threads, &progress.counter());
  }
  summary.add_results(inputs.paths, errors);
  summary.print(" into " + options.out);
  return batch_exit_code(options.batch, summary.skipped());
}

}  // namespace

void add_decode(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<DecodeOptions>();
  CLI::App* cmd = app.add_subcommand(
      "decode",
      "Decode MidiTok token JSON files into MIDI files (--out: a folder, or a .mid file for one "
      "input file), or one document of a token store (--store DIR --index I -o FILE.mid)");
  add_tokenizer_options(*cmd, options->source);
  cmd->add_option("-o,--out", options->out, "output folder, or .mid file")->required();
  add_batch_options(*cmd, options->batch, ".json");
  auto* store = cmd->add_option("--store", options->store_dir, "token store folder")
                    ->check(CLI::ExistingDirectory);
  auto* index = cmd->add_option("--index", options->index, "document of the token store");
  store->needs(index);
  index->needs(store);
  cmd->get_option("inputs")->required(false)->excludes(store);
  cmd->callback([options, &exit_code] { exit_code = run_decode(*options); });
}

}  // namespace miditok::cli
