// The CLI's tokenizer: from a params file (MidiTok's schema, with its trained BPE / Unigram /
// WordPiece model, read by MusicTokenizer::load) or a tokenization's default config; and the
// params file written after training (MusicTokenizer::save, whole or not at all).
#pragma once

#include <memory>
#include <string>

#include "batch_options.h"
#include "miditok/models/hf_tokenizer.h"
#include "miditok/tokenizer/music_tokenizer.h"

namespace miditok::cli {

struct LoadedTokenizer {
  std::unique_ptr<MusicTokenizer> tokenizer;
  std::shared_ptr<const HfTokenizer> model;  ///< the trained model, when the params file has one
  /// The model to pass to the batch calls (nullptr when untrained).
  const HfTokenizer* model_ptr() const { return model.get(); }
};

/// The tokenizer of --params (with its trained model) or of --tokenization (default config).
LoadedTokenizer load_tokenizer(const TokenizerSource& source);

/// Reads a params file: the tokenizer and its trained model (ConfigError naming the file when
/// malformed, IoError when unreadable).
LoadedTokenizer read_params_file(const std::string& path);

/// Attaches a trained model to the tokenizer and writes its params file (whole or not at all).
void write_params_file(MusicTokenizer& tokenizer, HfTokenizer model, const std::string& path);

}  // namespace miditok::cli
