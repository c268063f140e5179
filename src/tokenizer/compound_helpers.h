// Helpers the compound tokenizations share (private to src/): MidiTok's ticks per bar / beat,
// token value parsing that never throws, and the "None" test of padded slots.
#pragma once

#include <cmath>
#include <cstdlib>
#include <string>
#include <string_view>

#include "decode_helpers.h"
#include "miditok/tokenizer/tok_sequence.h"
#include "numeric.h"

namespace miditok::detail {

/// MidiTok compute_ticks_per_bar: int(time_division * 4 * num / den).
inline long long ticks_per_bar_of(int num, int den, int time_division) {
  return static_cast<long long>(static_cast<double>(time_division) * 4 * num / den);
}

/// The value of a "Type_Value" token ("" without an underscore).
inline std::string_view token_value(std::string_view tok) { return split_token(tok).second; }

/// True when a token's value is "None" (padding, special tokens, Ignore).
inline bool is_none(std::string_view tok) { return token_value(tok) == "None"; }

/// The integer value of a token; false when it has none.
inline bool token_int(std::string_view tok, long long& out) {
  return parse_int(token_value(tok), out);
}

/// "num/den" of a (num, den) pair.
inline std::string ts_str(int num, int den) {
  return std::to_string(num) + "/" + std::to_string(den);
}

}  // namespace miditok::detail
