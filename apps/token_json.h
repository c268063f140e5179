// Reading MidiTok's token JSON files ({"ids": ..., "ids_encoded": ..., "programs": ...}), the
// files `tokenize` writes, back into sequences for `decode`.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "miditok/tokenizer/tok_sequence.h"

namespace miditok::cli {

struct TokenFile {
  std::vector<TokSequence> sequences;  ///< one (one stream) or one per track
  std::optional<std::vector<std::pair<int, bool>>> programs;
};

/// Reads a token file (TokenError naming the file and the entry when malformed).
TokenFile read_token_file(const std::string& path);

}  // namespace miditok::cli
