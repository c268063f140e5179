// Event (one token with its time and program) and TokSequence (a token sequence as strings, ids,
// model bytes and events, with the bar/beat ticks used to split it), as MidiTok's classes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "miditok/core/types.h"

namespace miditok {

/// The value of an Event ("60", "1.0.8", "4/4", a chord name...): a string held inline, so that
/// an Event is trivially copied and moved (events are built, sorted and merged by the thousand
/// per file; a std::string value cost a memmove per move and a destructor per event). 16 bytes,
/// so that an Event is 48 (three quarters of a cache line: encoding is bound by the stores of its
/// event vectors). A value longer than kInline bytes (no token value of MidiTok's vocabularies
/// is: the longest are chord names such as "C#:7halfdim" and PerTok's "beat.ticks.res"; a long
/// chord name of a user's config may be) is interned once per process and held by pointer: the
/// interned values are bounded by the tokenizers' configurations. Reads as a std::string_view.
class EventValue {
 public:
  static constexpr std::size_t kInline = 14;

  EventValue() = default;
  EventValue(std::string_view s) { assign(s); }               // NOLINT(google-explicit-constructor)
  EventValue(const std::string& s) { assign(s); }             // NOLINT(google-explicit-constructor)
  EventValue(const char* s) { assign(std::string_view(s)); }  // NOLINT(google-explicit-constructor)

  EventValue& operator=(std::string_view s) {
    assign(s);
    return *this;
  }
  EventValue& operator=(const std::string& s) {
    assign(s);
    return *this;
  }
  EventValue& operator=(const char* s) {
    assign(std::string_view(s));
    return *this;
  }

  std::string_view view() const noexcept {
    if (len_ != kInterned) return {buf_, len_};
    const std::string* p = nullptr;
    std::memcpy(&p, buf_, sizeof(p));
    return *p;
  }
  operator std::string_view() const noexcept { return view(); }  // NOLINT
  std::string str() const { return std::string(view()); }
  std::size_t size() const noexcept { return view().size(); }
  bool empty() const noexcept { return len_ == 0; }
  const char* data() const noexcept { return view().data(); }
  char operator[](std::size_t i) const noexcept { return view()[i]; }
  std::string substr(std::size_t pos, std::size_t n = std::string::npos) const {
    return std::string(view().substr(pos, n));
  }
  std::size_t find(char c, std::size_t pos = 0) const noexcept { return view().find(c, pos); }
  std::size_t find(std::string_view t, std::size_t pos = 0) const noexcept {
    return view().find(t, pos);
  }
  bool starts_with(std::string_view t) const noexcept { return view().starts_with(t); }
  void clear() noexcept { len_ = 0; }

  friend bool operator==(const EventValue& a, const EventValue& b) noexcept {
    return a.view() == b.view();
  }
  friend bool operator==(const EventValue& a, std::string_view b) noexcept { return a.view() == b; }
  friend bool operator==(const EventValue& a, const char* b) noexcept {
    return a.view() == std::string_view(b);
  }
  friend bool operator==(const EventValue& a, const std::string& b) noexcept {
    return a.view() == std::string_view(b);
  }
  friend std::string operator+(const std::string& a, const EventValue& b) {
    std::string s(a);
    s.append(b.view());
    return s;
  }
  friend std::string operator+(const char* a, const EventValue& b) {
    std::string s(a);
    s.append(b.view());
    return s;
  }
  friend std::string operator+(const EventValue& a, const std::string& b) {
    std::string s(a.view());
    s.append(b);
    return s;
  }
  friend std::string operator+(const EventValue& a, const char* b) {
    std::string s(a.view());
    s.append(b);
    return s;
  }

 private:
  static constexpr std::uint8_t kInterned = 0xff;
  void assign(std::string_view s) {
    if (s.size() <= kInline) {
      if (!s.empty()) std::memcpy(buf_, s.data(), s.size());
      len_ = static_cast<std::uint8_t>(s.size());
      return;
    }
    const std::string* p = intern(s);
    std::memcpy(buf_, &p, sizeof(p));
    len_ = kInterned;
  }
  /// The process-wide copy of a long value (thread-safe; kept for the process).
  static const std::string* intern(std::string_view s);

  char buf_[kInline + 1] = {};
  std::uint8_t len_ = 0;
};
static_assert(sizeof(EventValue) == 16);

/// A token and its characteristics: type, value, time (ticks), program and a descriptor.
/// `type` views static storage (a string literal such as "Pitch"); `id` caches the token id when
/// the tokenizer knows it at creation (-1 otherwise) and is not part of equality.
struct Event {
  std::string_view type;
  EventValue value;
  tick_t time = -1;
  int program = 0;
  tick_t desc = 0;  ///< note end for note events, as MidiTok stores in Event.desc
  token_id_t id = -1;

  /// The token string "Type_Value".
  std::string str() const {
    const std::string_view v = value.view();
    std::string s;
    s.reserve(type.size() + 1 + v.size());
    s.append(type).append(1, '_').append(v);
    return s;
  }
  bool operator==(const Event& o) const {
    return type == o.type && value == o.value && time == o.time && program == o.program &&
           desc == o.desc;
  }
};
static_assert(std::is_trivially_copyable_v<Event>);
static_assert(sizeof(Event) == 48);

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
