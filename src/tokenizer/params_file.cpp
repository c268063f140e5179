// MusicTokenizer's params files (MidiTok's tokenizer.json, both ways) and its class registry,
// which maps MidiTok's class names to factories so a params file builds the right tokenization.
#include <filesystem>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>

#include "miditok/core/error.h"
#include "miditok/core/file_io.h"
#include "miditok/tokenizer/music_tokenizer.h"

namespace miditok {

namespace {

std::map<std::string, std::function<std::unique_ptr<MusicTokenizer>(const TokenizerConfig&)>>&
registry() {
  static std::map<std::string,
                  std::function<std::unique_ptr<MusicTokenizer>(const TokenizerConfig&)>>
      r;
  return r;
}

std::mutex& registry_mutex() {
  static std::mutex m;
  return m;
}

}  // namespace

std::string MusicTokenizer::to_json(int indent) const {
  nlohmann::ordered_json d;
  d["config"] = nlohmann::ordered_json::parse(config_.to_json());
  d["tokenization"] = class_name_;
  d["miditok_version"] = "3.1.0";
  d["symusic_version"] = "0.6.0";
  d["hf_tokenizers_version"] = "0.23.3";
  return d.dump(indent, ' ', true);
}

void MusicTokenizer::save(const std::string& out_path, const std::string& filename) const {
  namespace fs = std::filesystem;
  fs::path p(out_path);
  if (fs::is_directory(p) || p.filename().string().find('.') == std::string::npos) p /= filename;
  std::error_code ec;
  if (p.has_parent_path()) fs::create_directories(p.parent_path(), ec);
  write_file_atomic(p.string(), to_json(4));
}

std::unique_ptr<MusicTokenizer> MusicTokenizer::from_json(const std::string& json) {
  nlohmann::ordered_json d;
  try {
    d = nlohmann::ordered_json::parse(json);
  } catch (const std::exception& e) {
    throw ConfigError(std::string("malformed tokenizer params JSON: ") + e.what());
  }
  if (!d.is_object()) throw ConfigError("tokenizer params JSON must be an object");
  if (!d.contains("tokenization") || !d["tokenization"].is_string())
    throw ConfigError("tokenizer params JSON has no \"tokenization\" (class name) string");
  nlohmann::ordered_json cfg = nlohmann::ordered_json::object();
  if (d.contains("config")) {
    cfg = d["config"];
    if (!cfg.is_object()) throw ConfigError("tokenizer params \"config\" must be an object");
    if (cfg.contains("rest_range") && cfg["rest_range"].is_array() &&
        cfg["rest_range"].size() == 2) {
      nlohmann::ordered_json rr = nlohmann::ordered_json::object();
      rr["0_" + cfg["rest_range"][1].dump()] = cfg["rest_range"][0];
      cfg["beat_res_rest"] = rr;
      cfg.erase("rest_range");
    }
  } else {
    // Params files older than v2.1: config attributes at the top level.
    static const std::map<std::string, std::string> legacy{{"Chord", "use_chords"},
                                                           {"Rest", "use_rests"},
                                                           {"Tempo", "use_tempos"},
                                                           {"TimeSignature", "use_time_signatures"},
                                                           {"Program", "use_programs"}};
    for (auto it = d.begin(); it != d.end(); ++it) {
      if (it.key() == "tokenization" || it.key() == "miditok_version") continue;
      auto lit = legacy.find(it.key());
      cfg[lit != legacy.end() ? lit->second : it.key()] = it.value();
    }
  }
  TokenizerConfig config = TokenizerConfig::from_json(cfg.dump());
  return create(d["tokenization"].get<std::string>(), config);
}

std::unique_ptr<MusicTokenizer> MusicTokenizer::load(const std::string& path) {
  const std::string text = read_regular_file(path);
  try {
    return from_json(text);
  } catch (const ConfigError& e) {
    throw ConfigError(std::string(e.what()) + " (in " + path + ")");
  }
}

// The registry is filled from above (tokenizers/registry.h: register_builtin_tokenizers, called
// by the extension's module init, the CLI and C++ programs), so this layer names no tokenization.
std::unique_ptr<MusicTokenizer> MusicTokenizer::create(const std::string& class_name,
                                                       const TokenizerConfig& config) {
  std::function<std::unique_ptr<MusicTokenizer>(const TokenizerConfig&)> factory;
  {
    std::lock_guard<std::mutex> lock(registry_mutex());
    auto it = registry().find(class_name);
    if (it == registry().end()) {
      if (registry().empty())
        throw ConfigError("unknown tokenization \"" + class_name +
                          "\" (no tokenization registered: call "
                          "miditok::register_builtin_tokenizers() from "
                          "miditok/tokenizers/registry.h first)");
      std::string known;
      for (const auto& [k, v] : registry()) known += (known.empty() ? "" : ", ") + k;
      throw ConfigError("unknown tokenization \"" + class_name + "\" (known: " + known + ")");
    }
    factory = it->second;
  }
  return factory(config);
}

void MusicTokenizer::register_class(
    const std::string& class_name,
    std::function<std::unique_ptr<MusicTokenizer>(const TokenizerConfig&)> factory) {
  std::lock_guard<std::mutex> lock(registry_mutex());
  registry()[class_name] = std::move(factory);
}

}  // namespace miditok
