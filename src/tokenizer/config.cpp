// TokenizerConfig defaults, validation and MidiTok's constructor logic.
#include "miditok/tokenizer/config.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <type_traits>

#include "miditok/core/error.h"

namespace miditok {

namespace {

std::int64_t python_int_hash(std::int64_t v) {
  constexpr std::int64_t kModulus = (std::int64_t{1} << 61) - 1;
  std::int64_t h = v >= 0 ? v % kModulus : -((-v) % kModulus);
  return h == -1 ? -2 : h;
}

struct PySetTable {
  std::vector<std::int64_t> keys;
  std::vector<bool> used;
  std::size_t mask = 7;
  std::size_t fill = 0;

  PySetTable() : keys(8), used(8, false) {}

  void insert_clean(std::int64_t key) {
    std::size_t hash = static_cast<std::size_t>(python_int_hash(key));
    std::size_t perturb = hash;
    std::size_t i = hash & mask;
    while (true) {
      if (!used[i]) break;
      bool found = false;
      if (i + 9 <= mask) {
        for (std::size_t j = 0; j < 9; ++j) {
          ++i;
          if (!used[i]) {
            found = true;
            break;
          }
        }
      }
      if (found) break;
      perturb >>= 5;
      i = (i * 5 + 1 + perturb) & mask;
    }
    keys[i] = key;
    used[i] = true;
  }

  void resize(std::size_t minused) {
    std::size_t newsize = 8;
    while (newsize <= minused) newsize <<= 1;
    std::vector<std::int64_t> old_keys = std::move(keys);
    std::vector<bool> old_used = std::move(used);
    keys.assign(newsize, 0);
    used.assign(newsize, false);
    mask = newsize - 1;
    for (std::size_t k = 0; k < old_keys.size(); ++k)
      if (old_used[k]) insert_clean(old_keys[k]);
  }

  void add(std::int64_t key) {
    std::size_t hash = static_cast<std::size_t>(python_int_hash(key));
    std::size_t perturb = hash;
    std::size_t i = hash & mask;
    while (true) {
      std::size_t probes = (i + 9 <= mask) ? 9 : 0;
      std::size_t idx = i;
      while (true) {
        if (!used[idx]) {
          keys[idx] = key;
          used[idx] = true;
          ++fill;
          if (fill * 5 >= mask * 3) resize(fill > 50000 ? fill * 2 : fill * 4);
          return;
        }
        if (keys[idx] == key) return;
        if (probes == 0) break;
        --probes;
        ++idx;
      }
      perturb >>= 5;
      i = (i * 5 + 1 + perturb) & mask;
    }
  }
};

}  // namespace

std::vector<int> python_set_order(const std::vector<int>& values) {
  PySetTable table;
  for (int v : values) table.add(v);
  std::vector<int> out;
  for (std::size_t i = 0; i < table.keys.size(); ++i)
    if (table.used[i]) out.push_back(static_cast<int>(table.keys[i]));
  return out;
}

std::string python_float_repr(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  char buf[64];
  // Python's repr: shortest round-trip digits, scientific when exp < -4 or exp >= 16.
  auto res = std::to_chars(buf, buf + sizeof(buf), value, std::chars_format::scientific);
  std::string sci(buf, res.ptr);
  auto epos = sci.find('e');
  std::string mant = sci.substr(0, epos);
  int exp = std::stoi(sci.substr(epos + 1));
  bool neg = !mant.empty() && mant[0] == '-';
  if (neg) mant = mant.substr(1);
  std::string digits;
  for (char c : mant)
    if (c != '.') digits += c;
  std::string out;
  if (exp < -4 || exp >= 16) {
    out = digits.substr(0, 1);
    if (digits.size() > 1) out += "." + digits.substr(1);
    char eb[16];
    std::snprintf(eb, sizeof(eb), "e%c%02d", exp < 0 ? '-' : '+', std::abs(exp));
    out += eb;
  } else if (exp < 0) {
    out = "0." + std::string(static_cast<std::size_t>(-exp - 1), '0') + digits;
  } else {
    auto int_len = static_cast<std::size_t>(exp + 1);
    if (digits.size() <= int_len) {
      out = digits + std::string(int_len - digits.size(), '0') + ".0";
    } else {
      out = digits.substr(0, int_len) + "." + digits.substr(int_len);
    }
  }
  return neg ? "-" + out : out;
}

std::string format_special_token(const std::string& token) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    auto pos = token.find('_', start);
    if (pos == std::string::npos) {
      parts.push_back(token.substr(start));
      break;
    }
    parts.push_back(token.substr(start, pos - start));
    start = pos + 1;
  }
  if (parts.size() == 1) return parts[0] + "_None";
  if (parts.size() == 2) return parts[0] + "_" + parts[1];
  std::string head = parts[0];
  for (std::size_t i = 1; i + 1 < parts.size(); ++i) head += "-" + parts[i];
  return head + "_" + parts.back();
}

codec::SpecialTokens::value_type codec::SpecialTokens::initial(value_type v) {
  for (auto& token : v) token = format_special_token(token);
  return v;
}

std::vector<int> int_range(int begin, int end) {
  std::vector<int> v;
  for (int i = begin; i < end; ++i) v.push_back(i);
  return v;
}

bool AttributeControlOptions::any_attribute_control() const {
  bool any = false;
#define MIDITOK_AC_ANY_core(...)
#define MIDITOK_AC_ANY_ac(codec_, name) \
  if constexpr (std::is_same_v<codec::codec_, codec::Bool>) any = any || name;
#define MIDITOK_CONFIG_OPTION(group, pos, name, codec_, check_, doc, ...) \
  MIDITOK_AC_ANY_##group(codec_, name)
#include "miditok/config_options.def"
#undef MIDITOK_CONFIG_OPTION
#undef MIDITOK_AC_ANY_core
#undef MIDITOK_AC_ANY_ac
  return any;
}

void AttributeControlOptions::disable_attribute_controls() {
#define MIDITOK_AC_OFF_core(...)
#define MIDITOK_AC_OFF_ac(codec_, name) \
  if constexpr (std::is_same_v<codec::codec_, codec::Bool>) name = false;
#define MIDITOK_CONFIG_OPTION(group, pos, name, codec_, check_, doc, ...) \
  MIDITOK_AC_OFF_##group(codec_, name)
#include "miditok/config_options.def"
#undef MIDITOK_CONFIG_OPTION
#undef MIDITOK_AC_OFF_core
#undef MIDITOK_AC_OFF_ac
}

int TokenizerConfig::max_num_pos_per_beat() const {
  int m = 0;
  for (const auto& br : beat_res) m = std::max(m, br.res);
  return m;
}

bool TokenizerConfig::uses_duration(int program) const {
  return std::find(use_note_duration_programs.begin(), use_note_duration_programs.end(), program) !=
         use_note_duration_programs.end();
}

bool TokenizerConfig::has_program(int program) const {
  return std::find(programs.begin(), programs.end(), program) != programs.end();
}

namespace {
std::string range_str(std::pair<int, int> r) {
  return "(" + std::to_string(r.first) + ", " + std::to_string(r.second) + ")";
}
}  // namespace

namespace {

// ConfigError unless lo <= value <= hi; names the parameter and the documented bound.
void check_range(const std::string& name, long long value, long long lo, long long hi) {
  if (value < lo || value > hi) {
    throw ConfigError(name + " must be within " + std::to_string(lo) + " and " +
                      std::to_string(hi) + " (received " + std::to_string(value) +
                      "; see docs/limits.md)");
  }
}

void check_beat_ranges(const std::string& name, const std::vector<BeatRange>& ranges) {
  using namespace config_limits;
  long long steps = 0;
  for (const auto& br : ranges) {
    check_range(name + " range end", br.end, 0, kMaxBeat);
    check_range(name + " resolution", br.res, 0, kMaxBeatResolution);
    steps += static_cast<long long>(std::max(0, br.end - std::max(0, br.start))) * br.res;
  }
  check_range(name + " steps (sum of (end - start) * resolution)", steps, 0, kMaxBeatResSteps);
}

}  // namespace

void TokenizerConfig::check_table_sizes() const {
  using namespace config_limits;
  check_beat_ranges("beat_res", beat_res);
  if (use_rests) check_beat_ranges("beat_res_rest", beat_res_rest);
  if (use_tempos) check_range("num_tempos", num_tempos, 1, kMaxTableSize);
  if (use_pitch_bends && pitch_bend_range.size() == 3) {
    check_range("pitch_bend_range number of values", pitch_bend_range[2], 1, kMaxTableSize);
  }
  if (use_time_signatures) {
    for (const auto& [den, nums] : time_signature_range) {
      check_range("time_signature_range denominator", den, 1, kMaxTimeSignatureDenominator);
      for (int num : nums)
        check_range("time_signature_range numerator", num, 1, kMaxTimeSignatureNumerator);
    }
  }
}

namespace {

void apply_check(const char* name, int value, const check::Check& c) {
  if (c.kind == check::Check::Kind::Range && (value < c.lo || value > c.hi))
    throw ConfigError(std::string(name) + " must be within " + std::to_string(c.lo) + " and " +
                      std::to_string(c.hi) + " (received " + std::to_string(value) + ")");
}

void apply_check(const char* name, std::pair<int, int> value, const check::Check& c) {
  if (c.kind == check::Check::Kind::LowHigh &&
      !(c.lo <= value.first && value.first < value.second && value.second <= c.hi))
    throw ConfigError(std::string(name) + " must satisfy " + std::to_string(c.lo) +
                      " <= low < high <= " + std::to_string(c.hi) + " (received " +
                      range_str(value) + ")");
}

void apply_check(const char* name, const std::string& value, const check::Check& c) {
  if (c.kind != check::Check::Kind::Choices) return;
  std::vector<std::string> options;
  std::string all = c.choices;
  for (std::size_t start = 0;;) {
    auto bar = all.find('|', start);
    options.push_back(all.substr(start, bar - start));
    if (bar == std::string::npos) break;
    start = bar + 1;
  }
  if (std::find(options.begin(), options.end(), value) != options.end()) return;
  std::string list;
  for (std::size_t i = 0; i < options.size(); ++i)
    list += (i == 0 ? "" : (i + 1 == options.size() ? " or " : ", ")) + ("\"" + options[i] + "\"");
  throw ConfigError(std::string(name) + " must be one of " + list + " (received \"" + value +
                    "\")");
}

// Options without a table check (the table says none()).
template <class T>
void apply_check(const char*, const T&, const check::Check&) {}

}  // namespace

std::string check::describe(const Check& c) {
  switch (c.kind) {
    case Check::Kind::Range:
      return "range(" + std::to_string(c.lo) + ", " + std::to_string(c.hi) + ")";
    case Check::Kind::LowHigh:
      return "low_high(" + std::to_string(c.lo) + ", " + std::to_string(c.hi) + ")";
    case Check::Kind::Choices:
      return std::string("choices(") + c.choices + ")";
    case Check::Kind::None:
      break;
  }
  return "none";
}

std::vector<std::string> TokenizerConfig::finalize() {
  std::vector<std::string> warnings;
  // The table's checks, in table order.
#define MIDITOK_CONFIG_OPTION(group, pos, name, codec_, check_, doc, ...) \
  apply_check(#name, name, check::check_);
#include "miditok/config_options.def"
#undef MIDITOK_CONFIG_OPTION
  // Rules involving several options.
  if (use_control_changes) {
    if (control_change_n_bins < 2 || control_change_n_bins > 128)
      throw ConfigError("control_change_n_bins must be between 2 and 128 (received " +
                        std::to_string(control_change_n_bins) + ")");
    for (int n : control_change_numbers)
      if (n < 0 || n > 127)
        throw ConfigError(
            "control_change_numbers must only contain values within 0 and 127 (received " +
            std::to_string(n) + ")");
  }
  if (beat_res.empty()) throw ConfigError("beat_res must contain at least one beat range");
  for (const auto& br : beat_res)
    if (br.res <= 0 || br.start < 0 || br.end <= br.start)
      throw ConfigError(
          "beat_res ranges must satisfy 0 <= start < end and resolution > 0 "
          "(received " +
          std::to_string(br.start) + "_" + std::to_string(br.end) + ": " + std::to_string(br.res) +
          ")");
  check_table_sizes();
  if (use_time_signatures)
    for (const auto& entry : time_signature_range)
      if (entry.first <= 0 || (entry.first & (entry.first - 1)) != 0)
        throw ConfigError(
            "time_signature_range contains an invalid time signature denominator: only powers "
            "of 2 are supported (received " +
            std::to_string(entry.first) + ")");
  if (use_tempos && num_tempos < 1)
    throw ConfigError("num_tempos must be >= 1 (received " + std::to_string(num_tempos) + ")");
  if (use_pitch_bends && (pitch_bend_range.size() != 3 || pitch_bend_range[2] < 1))
    throw ConfigError("pitch_bend_range must be (low, high, num) with num >= 1");
  // Special tokens: normalised, de-duplicated, PAD mandatory.
  std::vector<std::string> specials;
  for (const auto& tok : special_tokens) {
    std::string t = format_special_token(tok);
    if (std::count(tok.begin(), tok.end(), '_') > 1)
      warnings.push_back("miditok.TokenizerConfig: special token " + tok +
                         " must contain one underscore (_).This token will be saved as " + t + ".");
    if (std::find(specials.begin(), specials.end(), t) == specials.end())
      specials.push_back(t);
    else
      warnings.push_back("The special token " + t +
                         " is present twice in your configuration. Skipping its duplicated "
                         "occurrence.");
  }
  if (std::find(specials.begin(), specials.end(), "PAD_None") == specials.end())
    specials.emplace_back("PAD_None");
  special_tokens = std::move(specials);

  one_token_stream_for_programs = one_token_stream_for_programs && use_programs;
  program_changes = program_changes && use_programs;
  if (use_rests && use_note_duration_programs.size() < 129) {
    const std::string msg =
        "Disabling rests tokens. `Rest` tokens are compatible when note `Duration` tokens are "
        "enabled.";
    if (!use_programs) {
      use_rests = false;
      warnings.push_back(msg +
                         " Your configuration explicitly disable `Program` (allowingto tokenize "
                         "any track) while disabling note `Duration` tokens for some programs.");
    } else if (std::any_of(programs.begin(), programs.end(),
                           [&](int p) { return !uses_duration(p); })) {
      use_rests = false;
      warnings.push_back(msg +
                         "You enabled `Program` tokens while disabling note duration  tokens for "
                         "programs (`use_note_duration_programs`) outside of the supported "
                         "`programs`.");
    }
  }
  if (use_rests) {
    int max_rest = 0;
    for (const auto& br : beat_res_rest) max_rest = std::max(max_rest, br.res);
    if (beat_res_rest.empty()) throw ConfigError("beat_res_rest must not be empty with rests");
    if (max_rest > max_num_pos_per_beat())
      throw ConfigError(
          "beat_res_rest: the maximum resolution of the rests must be <= the maximum "
          "resolution of beat_res (expected <= " +
          std::to_string(max_num_pos_per_beat()) + ", received " + std::to_string(max_rest) + ")");
  }
  sustain_pedal_duration = sustain_pedal_duration && use_sustain_pedals;
  // Legacy argument names.
  auto params = nlohmann::ordered_json::parse(additional_params);
  if (!params.is_object()) throw ConfigError("additional_params must be a JSON object");
  for (const auto& [legacy, name] :
       {std::pair{"nb_velocities", "num_velocities"}, std::pair{"nb_tempos", "num_tempos"}}) {
    if (params.contains(legacy)) {
      const auto& v = params[legacy];
      if (!v.is_number_integer())
        throw ConfigError(std::string(legacy) + " must be an integer (received " + v.dump() + ")");
      (std::string(name) == "num_velocities" ? num_velocities : num_tempos) = v.get<int>();
      params.erase(legacy);
      warnings.push_back(std::string("Argument ") + legacy + " has been renamed " + name +
                         ", you should consider to updateyour code with this new argument name.");
    }
  }
  additional_params = params.dump();
  return warnings;
}

std::optional<int> TokenizerConfig::additional_int(const std::string& key) const {
  auto params = nlohmann::json::parse(additional_params);
  if (!params.contains(key) || params[key].is_null()) return std::nullopt;
  if (!params[key].is_number_integer())
    throw ConfigError("additional_params[\"" + key + "\"] must be an integer or null");
  return params[key].get<int>();
}

bool TokenizerConfig::additional_bool(const std::string& key, bool default_value) const {
  auto params = nlohmann::json::parse(additional_params);
  if (!params.contains(key) || params[key].is_null()) return default_value;
  if (params[key].is_boolean()) return params[key].get<bool>();
  if (params[key].is_number()) return params[key].get<double>() != 0.0;
  throw ConfigError("additional_params[\"" + key + "\"] must be a boolean");
}

bool TokenizerConfig::has_additional(const std::string& key) const {
  return nlohmann::json::parse(additional_params).contains(key);
}

void TokenizerConfig::set_additional(const std::string& key, const std::string& json_value) {
  auto params = nlohmann::ordered_json::parse(additional_params);
  params[key] = nlohmann::ordered_json::parse(json_value);
  additional_params = params.dump();
}

}  // namespace miditok
