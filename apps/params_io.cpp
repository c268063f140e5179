// The CLI's tokenizer and its params files, through the library's loader and writer (see
// params_io.h).
#include "params_io.h"

#include <utility>

#include "miditok/core/error.h"

namespace miditok::cli {

LoadedTokenizer load_tokenizer(const TokenizerSource& source) {
  if (!source.params.empty()) return read_params_file(source.params);
  LoadedTokenizer loaded;
  loaded.tokenizer = MusicTokenizer::create(source.tokenization, TokenizerConfig{});
  return loaded;
}

LoadedTokenizer read_params_file(const std::string& path) {
  LoadedTokenizer loaded;
  try {
    loaded.tokenizer = MusicTokenizer::load(path);
  } catch (const ConfigError& error) {
    const std::string what = error.what();
    if (what.find(path) != std::string::npos) throw;
    throw ConfigError(path + ": " + what);
  }
  loaded.model = loaded.tokenizer->shared_model();
  return loaded;
}

void write_params_file(MusicTokenizer& tokenizer, HfTokenizer model, const std::string& path) {
  tokenizer.set_model(std::make_shared<const HfTokenizer>(std::move(model)));
  tokenizer.save(path);
}

}  // namespace miditok::cli
