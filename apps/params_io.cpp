// Reading and writing params files with their trained model (see params_io.h).
#include "params_io.h"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <system_error>
#include <vector>

#include "miditok/core/error.h"
#include "miditok/models/text.h"

namespace miditok::cli {

namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kUnigramSuffix = "-unigram";

bool is_unigram_special(const std::string& token) {
  return token.size() > kUnigramSuffix.size() &&
         token.compare(token.size() - kUnigramSuffix.size(), kUnigramSuffix.size(),
                       kUnigramSuffix) == 0;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError("cannot open the params file " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

LoadedTokenizer load_tokenizer(const TokenizerSource& source) {
  if (!source.params.empty()) return read_params_file(source.params);
  LoadedTokenizer loaded;
  loaded.tokenizer = MusicTokenizer::create(source.tokenization, TokenizerConfig{});
  return loaded;
}

LoadedTokenizer read_params_file(const std::string& path) {
  Json doc;
  try {
    doc = Json::parse(read_text(path));
  } catch (const Json::exception& error) {
    throw ConfigError(path + ": malformed params JSON: " + error.what());
  }
  if (!doc.is_object()) throw ConfigError(path + ": a params file holds a JSON object");
  // The "-unigram" specials come back after the base vocabulary, where training put them.
  std::vector<std::string> unigram;
  if (doc.contains("config") && doc["config"].is_object() &&
      doc["config"].contains("special_tokens") && doc["config"]["special_tokens"].is_array()) {
    Json kept = Json::array();
    for (const Json& token : doc["config"]["special_tokens"]) {
      if (token.is_string() && is_unigram_special(token.get<std::string>())) {
        unigram.push_back(token.get<std::string>());
      } else {
        kept.push_back(token);
      }
    }
    doc["config"]["special_tokens"] = kept;
  }
  // The tokenizer is built from the config alone and the model applied by the batch calls, so
  // the result does not depend on whether MusicTokenizer::from_json reads the model too.
  Json model;
  if (doc.contains("_model")) model = doc["_model"];
  for (const char* key : {"_model", "_vocab_base", "_vocab_base_byte_to_token"}) doc.erase(key);
  LoadedTokenizer loaded;
  try {
    loaded.tokenizer = MusicTokenizer::from_json(doc.dump());
  } catch (const Error& error) {
    throw ConfigError(path + ": " + error.what());
  }
  for (const std::string& token : unigram) loaded.tokenizer->add_to_vocab(token, true);
  if (!model.is_null()) {
    if (!model.is_string()) throw ConfigError(path + ": \"_model\" must be a string");
    try {
      loaded.model = HfTokenizer::from_str(model.get<std::string>());
    } catch (const Error& error) {
      throw ConfigError(path + ": \"_model\": " + error.what());
    }
  }
  return loaded;
}

void write_params_file(const MusicTokenizer& tokenizer, const HfTokenizer* model,
                       const std::string& path) {
  Json doc = Json::parse(tokenizer.to_json(0));
  if (model != nullptr) {
    Json vocab = Json::object();
    Json byte_to_token = Json::object();
    const auto& tokens = tokenizer.tokens();
    const auto& bytes = tokenizer.id_to_byte();
    for (std::size_t id = 0; id < tokens.size(); ++id) {
      vocab[tokens[id]] = id;
      byte_to_token[u32_to_utf8(std::u32string(1, bytes[id]))] = tokens[id];
    }
    doc["_vocab_base"] = std::move(vocab);
    doc["_model"] = model->to_str();
    doc["_vocab_base_byte_to_token"] = std::move(byte_to_token);
  }
  // Written next to its final name then renamed: the params file appears whole or not at all.
  namespace fs = std::filesystem;
  const fs::path target(path);
  std::error_code ec;
  if (target.has_parent_path()) fs::create_directories(target.parent_path(), ec);
  const fs::path partial = target.string() + ".partial";
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    out << doc.dump(4, ' ', true);
    out.close();
    if (!out) {
      fs::remove(partial, ec);
      throw IoError("cannot write the params file " + path);
    }
  }
  fs::rename(partial, target, ec);
  if (ec) {
    const std::string reason = ec.message();
    fs::remove(partial, ec);
    throw IoError("cannot write the params file " + path + ": " + reason);
  }
}

}  // namespace miditok::cli
