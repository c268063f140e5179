// Tokenizer params files as MidiTok writes them, with the trained model: reading one gives the
// tokenizer and its BPE / Unigram / WordPiece model ("_model"), writing one adds "_vocab_base",
// "_model" and "_vocab_base_byte_to_token" to the config, as Python's save does after train.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "batch_options.h"
#include "miditok/models/hf_tokenizer.h"
#include "miditok/tokenizer/music_tokenizer.h"

namespace miditok::cli {

struct LoadedTokenizer {
  std::unique_ptr<MusicTokenizer> tokenizer;
  std::optional<HfTokenizer> model;  ///< the trained model, when the params file has one
  /// The model to pass to the batch calls (nullptr when untrained).
  const HfTokenizer* model_ptr() const { return model ? &*model : nullptr; }
};

/// The tokenizer of --params (with its trained model) or of --tokenization (default config).
LoadedTokenizer load_tokenizer(const TokenizerSource& source);

/// Reads a params file: the tokenizer, the special tokens MidiTok's Unigram training appended
/// ("<special>-unigram", after the base ids) and the trained model (ConfigError when malformed).
LoadedTokenizer read_params_file(const std::string& path);

/// Writes the params file of a tokenizer and its trained model (whole or not at all).
void write_params_file(const MusicTokenizer& tokenizer, const HfTokenizer* model,
                       const std::string& path);

}  // namespace miditok::cli
