// An Event value made from an integer without a std::string in between (the encoders' hot path).
#pragma once

#include <charconv>

#include "miditok/tokenizer/tok_sequence.h"

namespace miditok::detail {

/// The decimal form of `v` ("60", "-1") as an EventValue.
inline EventValue int_value(long long v) noexcept {
  char buf[24];
  const auto end = std::to_chars(buf, buf + sizeof(buf), v).ptr;
  return EventValue(std::string_view(buf, static_cast<std::size_t>(end - buf)));
}

}  // namespace miditok::detail
