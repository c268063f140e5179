// MusicTokenizer's params files (MidiTok's tokenizer.json, both ways) and its class registry,
// which maps MidiTok's class names to factories so a params file builds the right tokenization.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>

#include "miditok/core/error.h"
#include "miditok/core/file_io.h"
#include "miditok/models/hf_tokenizer.h"
#include "miditok/models/text.h"
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
  if (model_ != nullptr) {  // MidiTok's trained-tokenizer entries
    nlohmann::ordered_json base = nlohmann::ordered_json::object();
    nlohmann::ordered_json byte_to_token = nlohmann::ordered_json::object();
    for (std::size_t i = 0; i < id_to_token_.size(); ++i) {
      base[id_to_token_[i]] = i;
      byte_to_token[u32_to_utf8(byte_of(static_cast<token_id_t>(i)))] = id_to_token_[i];
    }
    d["_vocab_base"] = std::move(base);
    d["_model"] = model_->to_str();
    d["_vocab_base_byte_to_token"] = std::move(byte_to_token);
  }
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
  // MidiTok's Unigram training appends "<special>-unigram" tokens after the base vocabulary:
  // they come back at those ids, not first with the other special tokens.
  std::vector<std::string> unigram;
  std::erase_if(config.special_tokens, [&](const std::string& t) {
    const bool u = t.ends_with("-unigram");
    if (u) unigram.push_back(t);
    return u;
  });
  auto tokenizer = create(d["tokenization"].get<std::string>(), config);
  for (const auto& t : unigram) tokenizer->add_to_vocab(t, true, tokenizer->unigram_byte(t));
  if (d.contains("_vocab_base") && d["_vocab_base"].is_object()) {
    // The ids the model was trained on must be the ones this vocabulary gives; tokens added
    // to MidiTok's vocabulary after its creation (add_to_vocab) are added at their ids.
    std::vector<std::pair<long long, std::string>> entries;
    for (const auto& [token, id] : d["_vocab_base"].items()) {
      if (!id.is_number_integer())
        throw ConfigError("params \"_vocab_base\" gives \"" + token + "\" a non-integer id");
      entries.emplace_back(id.get<long long>(), token);
    }
    std::sort(entries.begin(), entries.end());
    for (const auto& [id, token] : entries) {
      if (tokenizer->find_id(token) < 0 && static_cast<std::size_t>(id) == tokenizer->vocab_size())
        tokenizer->add_to_vocab(token);
      if (tokenizer->find_id(token) != id)
        throw ConfigError("params \"_vocab_base\" gives \"" + token + "\" the id " +
                          std::to_string(id) + ", the vocabulary built from its config " +
                          std::to_string(tokenizer->find_id(token)));
    }
  }
  if (d.contains("_model")) {
    if (!d["_model"].is_string())
      throw ConfigError("tokenizer params \"_model\" must be a string (HF tokenizer JSON)");
    tokenizer->set_model(
        std::make_shared<const HfTokenizer>(HfTokenizer::from_str(d["_model"].get<std::string>())));
  }
  return tokenizer;
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
