// Reading MidiTok's token JSON files (see token_json.h).
#include "token_json.h"

#include <climits>
#include <fstream>
#include <nlohmann/json.hpp>

#include "miditok/core/error.h"

namespace miditok::cli {

namespace {

using Json = nlohmann::json;

std::vector<token_id_t> read_ids(const Json& list, const std::string& where) {
  if (!list.is_array()) throw TokenError(where + " is not a list of ids");
  std::vector<token_id_t> ids;
  ids.reserve(list.size());
  for (const Json& id : list) {
    if (!id.is_number_integer() || id.get<long long>() < 0 || id.get<long long>() > INT32_MAX)
      throw TokenError(where + " holds " + id.dump() + ", not a token id");
    ids.push_back(static_cast<token_id_t>(id.get<long long>()));
  }
  return ids;
}

bool encoded_flag(const Json& doc, std::size_t index, bool one_stream) {
  if (!doc.contains("ids_encoded")) return false;
  const Json& flag = doc["ids_encoded"];
  if (one_stream) return flag.is_boolean() && flag.get<bool>();
  return flag.is_array() && index < flag.size() && flag[index].is_boolean() &&
         flag[index].get<bool>();
}

}  // namespace

TokenFile read_token_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError("cannot open " + path);
  Json doc;
  try {
    doc = Json::parse(in);
  } catch (const Json::exception& error) {
    throw TokenError(path + ": malformed JSON: " + error.what());
  }
  if (!doc.is_object() || !doc.contains("ids"))
    throw TokenError(path + ": a token file is a JSON object with an \"ids\" entry");
  const Json& ids = doc["ids"];
  if (!ids.is_array()) throw TokenError(path + ": \"ids\" is not a list");
  TokenFile file;
  const bool one_stream = ids.empty() || !ids.front().is_array();
  if (one_stream) {
    TokSequence& seq = file.sequences.emplace_back();
    seq.ids = read_ids(ids, path + ": \"ids\"");
    seq.are_ids_encoded = encoded_flag(doc, 0, true);
  } else {
    for (std::size_t i = 0; i < ids.size(); ++i) {
      TokSequence& seq = file.sequences.emplace_back();
      seq.ids = read_ids(ids[i], path + ": \"ids\"[" + std::to_string(i) + "]");
      seq.are_ids_encoded = encoded_flag(doc, i, false);
    }
  }
  if (doc.contains("programs") && doc["programs"].is_array()) {
    auto& programs = file.programs.emplace();
    for (const Json& entry : doc["programs"]) {
      if (!entry.is_array() || entry.size() != 2 || !entry[0].is_number_integer())
        throw TokenError(path + ": \"programs\" holds " + entry.dump() + ", not [program, drum]");
      const bool drum = entry[1].is_boolean() ? entry[1].get<bool>()
                                              : entry[1].is_number() && entry[1].get<int>() != 0;
      programs.emplace_back(entry[0].get<int>(), drum);
    }
  }
  return file;
}

}  // namespace miditok::cli
