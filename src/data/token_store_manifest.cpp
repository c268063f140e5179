// manifest.json of a token store: parsed with nlohmann, its per-file entries streamed (checked
// one at a time and dropped, or spooled to a temporary file), written in pieces: a store of a
// million files never holds its file list in memory.
#include "token_store_manifest.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

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

FileEntry file_entry(const json& f, const std::string& path) {
  if (!f.is_object()) bad(path, "a file entry is not an object");
  FileEntry e;
  e.path = text(f, "path", path);
  e.documents = count(f, "documents", path);
  if (f.contains("shard") && f["shard"].is_number_integer()) e.shard = f["shard"].get<int>();
  if (f.contains("error") && f["error"].is_string()) e.error = f["error"].get<std::string>();
  return e;
}

}  // namespace

FileList::FileList(const std::string& dir) : dir_(dir) {
  std::string name = (fs::path(dir) / ".manifest-files-XXXXXX").string();
  const int fd = ::mkstemp(name.data());
  if (fd < 0) throw IoError("token store: cannot create a temporary file in " + dir, dir, errno);
  ::unlink(name.c_str());  // nothing left behind, whatever happens
  file_ = ::fdopen(fd, "w+b");
  if (file_ == nullptr) {
    ::close(fd);
    throw IoError("token store: cannot open a temporary file in " + dir, dir, errno);
  }
}

FileList::~FileList() {
  if (file_ != nullptr) std::fclose(file_);
}

void FileList::add(const FileEntry& f) {
  std::string line = size_ ? ",\n" : "\n";
  line += "    {\"path\": " + quoted(f.path) + ", \"documents\": " + std::to_string(f.documents) +
          ", \"shard\": " + std::to_string(f.shard) +
          ", \"error\": " + (f.error.empty() ? std::string("null") : quoted(f.error)) + "}";
  if (std::fwrite(line.data(), 1, line.size(), file_) != line.size()) {
    throw IoError("token store: cannot write the file list's temporary file in " + dir_, dir_,
                  errno);
  }
  ++size_;
  failed_ += f.error.empty() ? 0 : 1;
}

void FileList::copy_to(const std::function<void(std::string_view)>& out) const {
  if (std::fflush(file_) != 0 || std::fseek(file_, 0, SEEK_SET) != 0) {
    throw IoError("token store: cannot read back the file list in " + dir_, dir_, errno);
  }
  std::vector<char> chunk(1 << 16);
  for (;;) {
    const std::size_t got = std::fread(chunk.data(), 1, chunk.size(), file_);
    if (got > 0) out(std::string_view(chunk.data(), got));
    if (got < chunk.size()) break;
  }
  if (std::ferror(file_) != 0) {
    throw IoError("token store: cannot read back the file list in " + dir_, dir_, errno);
  }
  std::fseek(file_, 0, SEEK_END);  // later entries are appended
}

std::string shard_stem(std::size_t index) {
  char stem[32];
  std::snprintf(stem, sizeof stem, "shard-%06zu", index);
  return stem;
}

Manifest read_manifest(const std::string& dir, const std::function<void(FileEntry&&)>& each_file) {
  const std::string path = (fs::path(dir) / kTokenStoreManifest).string();
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw IoError("not a token store (no readable " + std::string(kTokenStoreManifest) +
                  "): " + dir);
  // Each entry of the top-level "files" list is handed over (or skipped) as soon as it is parsed
  // and left out of the tree (the callback's false).
  std::string top_key;
  const json::parser_callback_t each = [&](int depth, json::parse_event_t event, json& parsed) {
    if (event == json::parse_event_t::key && depth == 1) {
      top_key = parsed.get<std::string>();
    } else if (event == json::parse_event_t::object_end && depth == 2 && top_key == "files") {
      if (each_file) each_file(file_entry(parsed, path));
      return false;
    }
    return true;
  };
  json j;
  try {
    j = json::parse(in, each);
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
  if (each_file && (!j.contains("files") || !j["files"].is_array())) {
    bad(path, "\"files\" is not a list");
  }
  if (each_file && !j["files"].empty()) bad(path, "a file entry is not an object");
  return m;
}

void write_manifest(const std::string& dir, const Manifest& m, const FileList& files) {
  std::uint64_t documents = 0;
  std::uint64_t tokens = 0;
  for (const ShardEntry& s : m.shards) {
    documents += s.documents;
    tokens += s.tokens;
  }
  std::ostringstream o;
  o << "{\n  \"format\": " << quoted(kTokenStoreFormat)
    << ",\n  \"version\": " << kTokenStoreVersion
    << ",\n  \"tokenizer_hash\": " << quoted(m.tokenizer_hash)
    << ",\n  \"dtype\": " << quoted(m.dtype) << ",\n  \"vocab_size\": " << m.vocab_size
    << ",\n  \"num_documents\": " << documents << ",\n  \"num_tokens\": " << tokens
    << ",\n  \"num_files\": " << files.size() << ",\n  \"num_failed\": " << files.failed()
    << ",\n  \"shards\": [";
  for (std::size_t i = 0; i < m.shards.size(); ++i) {
    const ShardEntry& s = m.shards[i];
    o << (i ? ",\n" : "\n") << "    {\"ids\": " << quoted(s.ids)
      << ", \"offsets\": " << quoted(s.offsets) << ", \"documents\": " << s.documents
      << ", \"tokens\": " << s.tokens << "}";
  }
  o << "\n  ],\n  \"files\": [";
  const std::string head = o.str();
  write_file_atomic_stream((fs::path(dir) / kTokenStoreManifest).string(),
                           [&](const ByteSink& out) {
                             out(head);
                             files.copy_to(out);
                             out("\n  ]\n}\n");
                           });
}

}  // namespace miditok::store_detail
