// An Event value made from an integer without a std::string in between (the encoders' hot path).
#pragma once

#include <array>
#include <charconv>

#include "miditok/tokenizer/tok_sequence.h"

namespace miditok::detail {

/// The decimal form of `v` ("60", "-1") as an EventValue.
inline EventValue int_value(long long v) noexcept {
  char buf[24];
  const auto end = std::to_chars(buf, buf + sizeof(buf), v).ptr;
  return EventValue(std::string_view(buf, static_cast<std::size_t>(end - buf)));
}

/// The decimal forms of 0..127 (a pitch, a velocity), made once: a note's values are copies.
inline const std::array<EventValue, 128>& midi_int_values() noexcept {
  static const std::array<EventValue, 128> values = [] {
    std::array<EventValue, 128> out;
    for (int i = 0; i < 128; ++i) out[static_cast<std::size_t>(i)] = int_value(i);
    return out;
  }();
  return values;
}

/// int_value(v), copied from midi_int_values for 0..127 (a pitch, a velocity, a position).
[[gnu::always_inline]] inline EventValue small_int_value(long long v) noexcept {
  return v >= 0 && v < 128 ? midi_int_values()[static_cast<std::size_t>(v)] : int_value(v);
}

}  // namespace miditok::detail
