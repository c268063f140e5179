// Appending an Event built in place and comparing its type to a literal, for the encoders'
// per-note and per-event loops.
#pragma once

#include <cstddef>
#include <cstring>
#include <string_view>
#include <vector>

#include "miditok/tokenizer/tok_sequence.h"

namespace miditok::detail {

/// Appends the event (type, value, time, program, desc, id) to `out`, built in the new element.
/// `out.push_back(Event{...})` assembles the temporary on the stack with 8-byte stores and copies
/// it with 16-byte loads, which stall on store forwarding: that copy was a third of
/// create_track_events' time (perf, REMI over the generated files).
[[gnu::always_inline]] inline void push_event(std::vector<Event>& out, std::string_view type,
                                              const EventValue& value, tick_t time, int program,
                                              tick_t desc, token_id_t id = -1) {
#if defined(__cpp_aggregate_paren_init)
  out.emplace_back(type, value, time, program, desc, id);  // C++20: the aggregate made in place
#else  // compilers without parenthesized aggregate init (clang < 16: the sanitizer and fuzz builds)
  Event& e = out.emplace_back();
  e.type = type;
  e.value = value;
  e.time = time;
  e.program = program;
  e.desc = desc;
  e.id = id;
#endif
}

/// `type == literal`, inlined: a size check and a fixed-size compare. The string_view operator
/// became an out-of-line call to compare() and memcmp in the encoders' larger loops.
template <std::size_t N>
[[gnu::always_inline]] inline bool type_is(std::string_view type, const char (&literal)[N]) {
  return type.size() == N - 1 && std::memcmp(type.data(), literal, N - 1) == 0;
}

/// type.starts_with(literal), inlined as type_is.
template <std::size_t N>
[[gnu::always_inline]] inline bool type_starts_with(std::string_view type,
                                                    const char (&literal)[N]) {
  return type.size() >= N - 1 && std::memcmp(type.data(), literal, N - 1) == 0;
}

}  // namespace miditok::detail
