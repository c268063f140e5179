// What a tokenization's traits force on its config, applied in one place (MusicTokenizer's
// initialize): conflicts warned about, forced options, attribute controls, Duration programs,
// beat resolution, special tokens and additional_params defaults, with MidiTok's warnings.
#pragma once

#include <string>

#include "miditok/tokenizer/config.h"
#include "miditok/tokenizer/tokenization_traits.h"

namespace miditok::detail {

/// Applies the config part of `traits` to `config`, giving MidiTok's warnings (config_warning)
/// with "{}" replaced by `class_name`.
void apply_forced_config(const TokenizationTraits& traits, const std::string& class_name,
                         TokenizerConfig& config);

}  // namespace miditok::detail
