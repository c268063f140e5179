// The value types of TokenizerConfig's options (codecs: C++ type, Python form), the option checks,
// the attribute-control options as one struct, and the table's description for bindings. The
// options themselves are declared once, in config_options.def.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace miditok {

/// A beat range and its resolution: {(start, end): res} of MidiTok's beat_res dicts, in order.
struct BeatRange {
  int start = 0;
  int end = 0;
  int res = 0;
  bool operator==(const BeatRange&) const = default;
};

/// A JSON number that remembers whether it was written as an integer (1) or a float (1.0).
struct Number {
  double value = 0.0;
  bool is_int = true;
  Number() = default;
  Number(int v) : value(v), is_int(true) {}      // NOLINT(google-explicit-constructor)
  Number(double v) : value(v), is_int(false) {}  // NOLINT(google-explicit-constructor)
  bool operator==(const Number& o) const { return value == o.value; }
};

/// Orders ints as CPython iterates `set(values)` (insertion into a hash table, int hashes).
std::vector<int> python_set_order(const std::vector<int>& values);

/// Normalises a special token as MidiTok does: "PAD" -> "PAD_None", "A_B_C" -> "A-B_C".
std::string format_special_token(const std::string& token);

/// [begin, end) as a list.
std::vector<int> int_range(int begin, int end);

/// The kinds of option values. value_type is the C++ field type; initial() turns a table default
/// into the field's value (a set gets CPython's iteration order); the JSON form is in
/// config_json.cpp, the Python form in python/miditok_cpp/_config_options.py (by codec name).
namespace codec {
template <class T>
struct Same {
  using value_type = T;
  static T initial(T v) { return v; }
};
struct Int : Same<int> {};
struct Bool : Same<bool> {};
struct Str : Same<std::string> {};
struct IntPair : Same<std::pair<int, int>> {};
struct BeatRes : Same<std::vector<BeatRange>> {};
struct IntTuple : Same<std::vector<int>> {};
struct Num : Same<Number> {};
struct NumPair : Same<std::pair<Number, Number>> {};
struct ChordMaps : Same<std::vector<std::pair<std::string, std::vector<int>>>> {};
struct OptIntPair : Same<std::optional<std::pair<int, int>>> {};
struct TsRange : Same<std::vector<std::pair<int, std::vector<int>>>> {};
/// Special tokens, normalised by format_special_token.
struct SpecialTokens {
  using value_type = std::vector<std::string>;
  static value_type initial(value_type v);
};
/// A Python set of ints, kept in CPython's iteration order.
struct IntSet {
  using value_type = std::vector<int>;
  static value_type initial(const value_type& v) { return python_set_order(v); }
};
}  // namespace codec

/// The validation of one option (the table's `check` column).
namespace check {
struct Check {
  enum class Kind { None, Range, LowHigh, Choices } kind = Kind::None;
  long long lo = 0;
  long long hi = 0;
  const char* choices = "";  ///< "a|b|c"
};
constexpr Check none() { return {}; }
/// lo <= value <= hi.
constexpr Check range(long long lo, long long hi) { return {Check::Kind::Range, lo, hi, ""}; }
/// A (low, high) pair with lo <= low < high <= hi.
constexpr Check low_high(long long lo, long long hi) { return {Check::Kind::LowHigh, lo, hi, ""}; }
/// One of the '|'-separated strings.
constexpr Check choices(const char* list) { return {Check::Kind::Choices, 0, 0, list}; }
/// Human-readable form ("range(1, 127)", "one of bar|beat|no"), for docs and bindings.
std::string describe(const Check& c);
}  // namespace check

/// Declares one option of the table as a field: its C++ type and its default, from its codec.
/// The config structs below select their group's rows of the table with it.
#define MIDITOK_OPTION_FIELD(codec_, name, ...) \
  codec::codec_::value_type name = codec::codec_::initial(codec::codec_::value_type{__VA_ARGS__});

/// The attribute-control options of the config (the table's `ac` group); TokenizerConfig derives
/// from it, so these are the config's own fields.
struct AttributeControlOptions {
#define MIDITOK_AC_FIELD_core(...)
#define MIDITOK_AC_FIELD_ac(...) MIDITOK_OPTION_FIELD(__VA_ARGS__)
#define MIDITOK_CONFIG_OPTION(group, pos, name, codec_, check_, doc, ...) \
  MIDITOK_AC_FIELD_##group(codec_, name, __VA_ARGS__)
#include "miditok/config_options.def"
#undef MIDITOK_CONFIG_OPTION
#undef MIDITOK_AC_FIELD_core
#undef MIDITOK_AC_FIELD_ac

  /// True when any attribute control (a bool option of the group) is on.
  bool any_attribute_control() const;
  /// Turns every attribute control off (MidiTok does for one-stream and multi-vocab tokenizers).
  void disable_attribute_controls();
};

/// One row of the table, for bindings and docs.
struct ConfigOptionInfo {
  std::string name;
  std::string group;  ///< "core" or "ac"
  int position = 0;   ///< in MidiTok's signature
  std::string codec;  ///< Int, Bool, IntSet, BeatRes... (the Python side converts by it)
  std::string check;  ///< check::describe
  std::string doc;
  std::string default_json;  ///< the table's default, in MidiTok's JSON form
};

/// The table, in MidiTok's attribute order.
const std::vector<ConfigOptionInfo>& config_options();

}  // namespace miditok
