// Event (one token with its time and program) and TokSequence (a token sequence as strings, ids,
// model bytes and events, with the bar/beat ticks used to split it), as MidiTok's classes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "miditok/core/types.h"

namespace miditok {

/// A token and its characteristics: type, value, time (ticks), program and a descriptor.
/// `type` views static storage (a string literal such as "Pitch"); `id` caches the token id when
/// the tokenizer knows it at creation (-1 otherwise) and is not part of equality.
struct Event {
  std::string_view type;
  std::string value;
  tick_t time = -1;
  int program = 0;
  tick_t desc = 0;  ///< note end for note events, as MidiTok stores in Event.desc
  token_id_t id = -1;

  /// The token string "Type_Value".
  std::string str() const {
    std::string s;
    s.reserve(type.size() + 1 + value.size());
    s.append(type).append(1, '_').append(value);
    return s;
  }
  bool operator==(const Event& o) const {
    return type == o.type && value == o.value && time == o.time && program == o.program &&
           desc == o.desc;
  }
};

/// A sequence of tokens in several forms; the empty forms can be filled with complete_sequence.
struct TokSequence {
  std::vector<std::string> tokens;
  std::vector<token_id_t> ids;
  std::u32string bytes;  ///< one code point per base token (chr(id + 33)) or model piece
  std::vector<Event> events;
  bool are_ids_encoded = false;
  std::vector<tick_t> ticks_bars;
  std::vector<tick_t> ticks_beats;
  std::vector<token_id_t> ids_decoded;

  /// Length: of ids, else tokens, else events, else bytes.
  std::size_t size() const;
  /// The sub-sequence [begin, end) of every non-empty form.
  TokSequence slice(std::size_t begin, std::size_t end) const;
  /// Splits at the events starting each bar (needs events and ticks_bars).
  std::vector<TokSequence> split_per_bars() const;
  /// Splits at the events starting each beat (needs events and ticks_beats).
  std::vector<TokSequence> split_per_beats() const;
  /// Index where each split starts, for the given tick boundaries.
  std::vector<std::size_t> split_indices(const std::vector<tick_t>& ticks) const;
  /// Concatenates another sequence (tokens, ids, bytes, events).
  TokSequence& operator+=(const TokSequence& other);
  /// Equal on every form both sequences have (false if they share none).
  bool operator==(const TokSequence& other) const;
};

}  // namespace miditok
