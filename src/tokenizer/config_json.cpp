// TokenizerConfig <-> MidiTok's serialised config dict (JSON), key order as MidiTok writes it: one
// codec per value kind, applied to every option of config_options.def.
#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <type_traits>

#include "miditok/core/error.h"
#include "miditok/tokenizer/config.h"

namespace miditok {

namespace {

using ojson = nlohmann::ordered_json;

ojson number_json(const Number& n) {
  if (n.is_int) return ojson(static_cast<long long>(n.value));
  return ojson(n.value);
}

Number json_number(const ojson& j, const char* key) {
  if (j.is_number_integer()) return Number(static_cast<int>(j.get<long long>()));
  if (j.is_number()) return Number(j.get<double>());
  throw ConfigError(std::string("config[\"") + key + "\"] must be a number");
}

// An int of the config: a JSON integer in int's range, or a float whose truncation is (nlohmann's
// own conversion casts a float without a range check, undefined for 9e36 or NaN).
int json_int(const ojson& j, const char* key) {
  if (j.is_number_unsigned()) {
    if (j.get<std::uint64_t>() <= static_cast<std::uint64_t>(INT_MAX)) return j.get<int>();
  } else if (j.is_number_integer()) {
    const long long v = j.get<long long>();
    if (v >= INT_MIN && v <= INT_MAX) return static_cast<int>(v);
  } else if (j.is_number_float()) {
    const double d = j.get<double>();
    if (std::isfinite(d) && d > static_cast<double>(INT_MIN) - 1.0 &&
        d < static_cast<double>(INT_MAX) + 1.0)
      return static_cast<int>(d);
  } else if (j.is_boolean()) {
    return j.get<bool>() ? 1 : 0;
  } else {
    throw ConfigError(std::string("config[\"") + key + "\"] has the wrong type (" + j.dump() + ")");
  }
  throw ConfigError(std::string("config[\"") + key + "\"] is out of range (" + j.dump() + ")");
}

ojson beat_res_json(const std::vector<BeatRange>& br) {
  ojson o = ojson::object();
  for (const auto& b : br) o[std::to_string(b.start) + "_" + std::to_string(b.end)] = b.res;
  return o;
}

std::vector<BeatRange> json_beat_res(const ojson& j, const char* key) {
  if (!j.is_object()) throw ConfigError(std::string("config[\"") + key + "\"] must be a dict");
  std::vector<BeatRange> out;
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string& k = it.key();
    auto pos = k.find('_');
    if (pos == std::string::npos)
      throw ConfigError(std::string("config[\"") + key + "\"] key \"" + k +
                        "\" must have the form \"start_end\"");
    try {
      out.push_back(
          {std::stoi(k.substr(0, pos)), std::stoi(k.substr(pos + 1)), json_int(it.value(), key)});
    } catch (const std::exception&) {
      throw ConfigError(std::string("config[\"") + key + "\"] has an invalid entry \"" + k + "\"");
    }
  }
  return out;
}

template <class T>
T get_as(const ojson& j, const char* key) {
  if constexpr (std::is_same_v<T, int>) {
    return json_int(j, key);
  } else if constexpr (std::is_same_v<T, std::vector<int>>) {
    if (!j.is_array())
      throw ConfigError(std::string("config[\"") + key + "\"] has the wrong type (" + j.dump() +
                        ")");
    std::vector<int> out;
    out.reserve(j.size());
    for (const auto& v : j) out.push_back(json_int(v, key));
    return out;
  }
  try {
    return j.get<T>();
  } catch (const std::exception&) {
    throw ConfigError(std::string("config[\"") + key + "\"] has the wrong type (" + j.dump() + ")");
  }
}

std::pair<int, int> json_pair(const ojson& j, const char* key) {
  auto v = get_as<std::vector<int>>(j, key);
  if (v.size() != 2) throw ConfigError(std::string("config[\"") + key + "\"] must have 2 values");
  return {v[0], v[1]};
}

void require_object(const ojson& j, const char* key) {
  if (!j.is_object()) throw ConfigError(std::string("config[\"") + key + "\"] must be a dict");
}

// The JSON form of each codec (MidiTok's to_dict(serialize=True)): write and read.
ojson write(codec::IntPair, const std::pair<int, int>& v) { return {v.first, v.second}; }
ojson write(codec::BeatRes, const std::vector<BeatRange>& v) { return beat_res_json(v); }
ojson write(codec::Num, const Number& v) { return number_json(v); }
ojson write(codec::NumPair, const std::pair<Number, Number>& v) {
  return {number_json(v.first), number_json(v.second)};
}
ojson write(codec::ChordMaps, const codec::ChordMaps::value_type& v) {
  ojson o = ojson::object();
  for (const auto& [name, intervals] : v) o[name] = intervals;
  return o;
}
ojson write(codec::OptIntPair, const codec::OptIntPair::value_type& v) {
  return v ? ojson{v->first, v->second} : ojson(nullptr);
}
ojson write(codec::TsRange, const codec::TsRange::value_type& v) {
  ojson o = ojson::object();
  for (const auto& [den, nums] : v) o[std::to_string(den)] = nums;
  return o;
}
template <class C, class T>
ojson write(C, const T& v) {  // Int, Bool, Str, SpecialTokens, IntSet, IntTuple
  return ojson(v);
}

struct ReadContext {
  bool sets_in_order = false;
};

void read(codec::IntPair, const ojson& j, std::pair<int, int>& out, const char* key,
          const ReadContext&) {
  out = json_pair(j, key);
}
void read(codec::BeatRes, const ojson& j, std::vector<BeatRange>& out, const char* key,
          const ReadContext&) {
  out = json_beat_res(j, key);
}
void read(codec::Num, const ojson& j, Number& out, const char* key, const ReadContext&) {
  out = json_number(j, key);
}
void read(codec::NumPair, const ojson& j, std::pair<Number, Number>& out, const char* key,
          const ReadContext&) {
  if (!j.is_array() || j.size() != 2)
    throw ConfigError(std::string("config[\"") + key + "\"] must have 2 values");
  out = {json_number(j[0], key), json_number(j[1], key)};
}
void read(codec::ChordMaps, const ojson& j, codec::ChordMaps::value_type& out, const char* key,
          const ReadContext&) {
  require_object(j, key);
  out.clear();
  for (auto it = j.begin(); it != j.end(); ++it)
    out.emplace_back(it.key(), get_as<std::vector<int>>(it.value(), key));
}
void read(codec::OptIntPair, const ojson& j, codec::OptIntPair::value_type& out, const char* key,
          const ReadContext&) {
  if (j.is_null() || (j.is_boolean() && !j.get<bool>()))
    out.reset();
  else
    out = json_pair(j, key);
}
void read(codec::TsRange, const ojson& j, codec::TsRange::value_type& out, const char* key,
          const ReadContext&) {
  require_object(j, key);
  out.clear();
  for (auto it = j.begin(); it != j.end(); ++it) {
    int den = 0;
    try {
      den = std::stoi(it.key());
    } catch (const std::exception&) {
      throw ConfigError(std::string("config[\"") + key + "\"] key \"" + it.key() +
                        "\" is not an integer");
    }
    out.emplace_back(den, get_as<std::vector<int>>(it.value(), key));
  }
}
void read(codec::IntSet, const ojson& j, std::vector<int>& out, const char* key,
          const ReadContext& ctx) {
  out = get_as<std::vector<int>>(j, key);
  if (!ctx.sets_in_order) out = python_set_order(out);
}
template <class C, class T>
void read(C, const ojson& j, T& out, const char* key, const ReadContext&) {
  out = get_as<T>(j, key);  // Int, Bool, Str, SpecialTokens, IntTuple
}

// Reads the options present in `kwargs` into `c`; returns the other keys.
ojson read_options(TokenizerConfig& c, const ojson& kwargs, const ReadContext& ctx) {
  ojson extra = ojson::object();
  for (auto it = kwargs.begin(); it != kwargs.end(); ++it) {
    const std::string& k = it.key();
    bool known = false;
#define MIDITOK_CONFIG_OPTION(group, pos, name, codec_, check_, doc, ...) \
  if (!known && k == #name) {                                             \
    read(codec::codec_{}, it.value(), c.name, #name, ctx);                \
    known = true;                                                         \
  }
#include "miditok/config_options.def"
#undef MIDITOK_CONFIG_OPTION
    if (!known) extra[k] = it.value();
  }
  return extra;
}

ojson parse_object(const std::string& json) {
  ojson d;
  try {
    d = ojson::parse(json);
  } catch (const std::exception& e) {
    throw ConfigError(std::string("malformed tokenizer config JSON: ") + e.what());
  }
  if (!d.is_object()) throw ConfigError("tokenizer config JSON must be an object");
  return d;
}

}  // namespace

std::string TokenizerConfig::to_json(int indent) const {
  ojson d = ojson::object();
#define MIDITOK_CONFIG_OPTION(group, pos, name, codec_, check_, doc, ...) \
  d[#name] = write(codec::codec_{}, name);
#include "miditok/config_options.def"
#undef MIDITOK_CONFIG_OPTION
  d["additional_params"] = ojson::parse(additional_params);
  return d.dump(indent, ' ', true);
}

TokenizerConfig TokenizerConfig::from_json(const std::string& json, bool sets_in_order) {
  ojson d = parse_object(json);
  // from_dict: additional_params are merged back into the keyword arguments.
  ojson kwargs = ojson::object();
  for (auto it = d.begin(); it != d.end(); ++it) {
    if (it.key() == "additional_params") continue;
    kwargs[it.key()] = it.value();
  }
  if (d.contains("additional_params")) {
    if (!d["additional_params"].is_object())
      throw ConfigError("config[\"additional_params\"] must be a dict");
    for (auto it = d["additional_params"].begin(); it != d["additional_params"].end(); ++it)
      kwargs[it.key()] = it.value();
  }
  for (const char* ignored : {"miditok_version", "symusic_version", "hf_tokenizers_version"})
    kwargs.erase(ignored);
  TokenizerConfig c;
  // Keys that are not options are keyword arguments MidiTok keeps in additional_params.
  c.additional_params = read_options(c, kwargs, {sets_in_order}).dump();
  c.finalize();
  return c;
}

TokenizerConfig TokenizerConfig::read_exact_json(const std::string& json) {
  ojson d = parse_object(json);
  TokenizerConfig c;
  ojson params = ojson::object();
  if (d.contains("additional_params")) {
    params = d["additional_params"];
    if (!params.is_object()) throw ConfigError("config[\"additional_params\"] must be a dict");
    d.erase("additional_params");
  }
  ojson extra = read_options(c, d, {true});
  if (!extra.empty())
    throw ConfigError("unknown tokenizer config key \"" + extra.begin().key() +
                      "\" (not an option of config_options.def nor additional_params)");
  c.additional_params = params.dump();
  return c;
}

TokenizerConfig TokenizerConfig::from_exact_json(const std::string& json) {
  TokenizerConfig c = read_exact_json(json);
  c.finalize();
  return c;
}

const std::vector<ConfigOptionInfo>& config_options() {
  static const std::vector<ConfigOptionInfo> table = {
#define MIDITOK_CONFIG_OPTION(group, pos, name, codec_, check_, doc, ...) \
  {#name,                                                                 \
   #group,                                                                \
   pos,                                                                   \
   #codec_,                                                               \
   check::describe(check::check_),                                        \
   doc,                                                                   \
   write(codec::codec_{}, codec::codec_::value_type{__VA_ARGS__}).dump()},
#include "miditok/config_options.def"
#undef MIDITOK_CONFIG_OPTION
  };
  return table;
}

bool TokenizerConfig::operator==(const TokenizerConfig& o) const {
  auto a = ojson::parse(to_json());
  auto b = ojson::parse(o.to_json());
  // Sets compare as sets.
  for (const char* key : {"use_note_duration_programs", "control_change_numbers", "programs"}) {
    auto va = a[key].get<std::vector<int>>();
    auto vb = b[key].get<std::vector<int>>();
    std::sort(va.begin(), va.end());
    std::sort(vb.begin(), vb.end());
    a[key] = va;
    b[key] = vb;
  }
  return nlohmann::json::parse(a.dump()) == nlohmann::json::parse(b.dump());
}

}  // namespace miditok
