// manifest.json of a token store: parsed with nlohmann, written entry by entry (a store of a
// million files does not build one JSON tree to save it).
#include "token_store_manifest.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "miditok/core/error.h"
#include "miditok/core/file_io.h"
#include "miditok/data/npy.h"
#include "miditok/data/token_store.h"

namespace miditok::store_detail {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

[[noreturn]] void bad(const std::string& path, const std::string& what) {
  throw IoError("not a valid token store manifest (" + what + "): " + path);
}

std::string quoted(const std::string& s) {
  return json(s).dump(-1, ' ', false, json::error_handler_t::replace);
}

std::uint64_t count(const json& j, const char* key, const std::string& path) {
  if (!j.contains(key) || !j[key].is_number_unsigned()) {
    bad(path, std::string("\"") + key + "\" is not a count");
  }
  return j[key].get<std::uint64_t>();
}

std::string text(const json& j, const char* key, const std::string& path) {
  if (!j.contains(key) || !j[key].is_string()) bad(path, std::string("\"") + key + "\" missing");
  return j[key].get<std::string>();
}

// A shard file name we wrote: no directory part, so a manifest cannot point outside the store.
std::string shard_name(const json& j, const char* key, const std::string& path) {
  std::string name = text(j, key, path);
  if (name.empty() || name.find('/') != std::string::npos || name == "." || name == "..") {
    bad(path, "shard file name \"" + name + "\" is not a plain file name");
  }
  return name;
}

}  // namespace

std::string shard_stem(std::size_t index) {
  char stem[32];
  std::snprintf(stem, sizeof stem, "shard-%06zu", index);
  return stem;
}

Manifest read_manifest(const std::string& dir, bool with_files) {
  const std::string path = (fs::path(dir) / kTokenStoreManifest).string();
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw IoError("not a token store (no readable " + std::string(kTokenStoreManifest) +
                  "): " + dir);
  json j;
  try {
    j = json::parse(in);
  } catch (const json::exception& e) {
    bad(path, std::string("not JSON: ") + e.what());
  }
  if (!j.is_object() || !j.contains("format") || j["format"] != kTokenStoreFormat) {
    bad(path, std::string("format is not \"") + kTokenStoreFormat + "\"");
  }
  if (!j.contains("version") || j["version"] != kTokenStoreVersion) {
    bad(path, "format version " + (j.contains("version") ? j["version"].dump() : "missing") +
                  ", this reader knows " + std::to_string(kTokenStoreVersion));
  }
  Manifest m;
  m.tokenizer_hash = text(j, "tokenizer_hash", path);
  m.dtype = text(j, "dtype", path);
  if (npy_item_size(m.dtype) == 0 || m.dtype == "<i8") bad(path, "dtype " + m.dtype);
  m.vocab_size = count(j, "vocab_size", path);
  if (!j.contains("shards") || !j["shards"].is_array()) bad(path, "\"shards\" is not a list");
  std::uint64_t documents = 0;
  std::uint64_t tokens = 0;
  for (const json& s : j["shards"]) {
    if (!s.is_object()) bad(path, "a shard entry is not an object");
    m.shards.push_back({shard_name(s, "ids", path), shard_name(s, "offsets", path),
                        count(s, "documents", path), count(s, "tokens", path)});
    documents += m.shards.back().documents;
    tokens += m.shards.back().tokens;
  }
  if (count(j, "num_documents", path) != documents || count(j, "num_tokens", path) != tokens) {
    bad(path, "num_documents/num_tokens differ from the sum over the shards");
  }
  if (with_files) {
    if (!j.contains("files") || !j["files"].is_array()) bad(path, "\"files\" is not a list");
    m.files.reserve(j["files"].size());
    for (const json& f : j["files"]) {
      FileEntry e;
      e.path = text(f, "path", path);
      e.documents = count(f, "documents", path);
      if (f.contains("shard") && f["shard"].is_number_integer()) e.shard = f["shard"].get<int>();
      if (f.contains("error") && f["error"].is_string()) e.error = f["error"].get<std::string>();
      m.files.push_back(std::move(e));
    }
  }
  return m;
}

void write_manifest(const std::string& dir, const Manifest& m) {
  std::uint64_t documents = 0;
  std::uint64_t tokens = 0;
  for (const ShardEntry& s : m.shards) {
    documents += s.documents;
    tokens += s.tokens;
  }
  std::size_t failed = 0;
  for (const FileEntry& f : m.files) failed += f.error.empty() ? 0 : 1;
  std::ostringstream o;
  o << "{\n  \"format\": " << quoted(kTokenStoreFormat)
    << ",\n  \"version\": " << kTokenStoreVersion
    << ",\n  \"tokenizer_hash\": " << quoted(m.tokenizer_hash)
    << ",\n  \"dtype\": " << quoted(m.dtype) << ",\n  \"vocab_size\": " << m.vocab_size
    << ",\n  \"num_documents\": " << documents << ",\n  \"num_tokens\": " << tokens
    << ",\n  \"num_files\": " << m.files.size() << ",\n  \"num_failed\": " << failed
    << ",\n  \"shards\": [";
  for (std::size_t i = 0; i < m.shards.size(); ++i) {
    const ShardEntry& s = m.shards[i];
    o << (i ? ",\n" : "\n") << "    {\"ids\": " << quoted(s.ids)
      << ", \"offsets\": " << quoted(s.offsets) << ", \"documents\": " << s.documents
      << ", \"tokens\": " << s.tokens << "}";
  }
  o << "\n  ],\n  \"files\": [";
  for (std::size_t i = 0; i < m.files.size(); ++i) {
    const FileEntry& f = m.files[i];
    o << (i ? ",\n" : "\n") << "    {\"path\": " << quoted(f.path)
      << ", \"documents\": " << f.documents << ", \"shard\": " << f.shard
      << ", \"error\": " << (f.error.empty() ? "null" : quoted(f.error)) << "}";
  }
  o << "\n  ]\n}\n";
  const std::string body = o.str();
  write_file_atomic((fs::path(dir) / kTokenStoreManifest).string(), body);
}

}  // namespace miditok::store_detail
