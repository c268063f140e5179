// tokenize_to_store: paths (or buffers) taken and encoded in rounds on the thread pool,
// their ids narrowed into the current shard, shards flushed as they fill, the files' manifest
// entries spooled to disk, the manifest written last: memory does not grow with the files.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <utility>

#include "miditok/core/error.h"
#include "miditok/core/file_io.h"
#include "miditok/core/thread_pool.h"
#include "miditok/data/encode_files.h"
#include "miditok/data/npy.h"
#include "miditok/data/token_store.h"
#include "miditok/tokenizer/multi_voc.h"
#include "token_store_manifest.h"

namespace miditok {
namespace {

namespace fs = std::filesystem;
using store_detail::FileEntry;
using store_detail::FileList;
using store_detail::Manifest;
using store_detail::ShardEntry;

// The shard being filled: ids as little-endian bytes of the store's dtype, and offsets.
class ShardBuilder {
 public:
  // Twice the shard is reserved once (pages are only resident once written): the file that
  // passes shard_tokens still fits, so the buffer does not reallocate (a reallocation holds the
  // old and the new buffer at once: the peak was twice the shard's size).
  ShardBuilder(std::size_t item_size, std::uint64_t shard_tokens) : item_size_(item_size) {
    bytes_.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(2 * shard_tokens, 1ULL << 29)) *
                   item_size);
  }

  std::uint64_t tokens() const { return bytes_.size() / item_size_; }
  std::uint64_t documents() const { return offsets_.size() - 1; }

  void add(const std::vector<token_id_t>& ids, const std::string& path) {
    const std::uint64_t limit = std::uint64_t{1} << (8 * item_size_);
    const std::size_t start = bytes_.size();
    bytes_.resize(start + ids.size() * item_size_);
    unsigned char* out = bytes_.data() + start;
    for (const token_id_t id : ids) {
      if (id < 0 || static_cast<std::uint64_t>(id) >= limit) {
        bytes_.resize(start);
        throw TokenError("token store: id " + std::to_string(id) + " of " + path +
                         " does not fit the store's dtype");
      }
      for (std::size_t b = 0; b < item_size_; ++b)
        *out++ = static_cast<unsigned char>(id >> (8 * b));
    }
    offsets_.push_back(static_cast<std::int64_t>(tokens()));
  }

  // Writes the two .npy files (each whole or not at all) and empties the builder.
  ShardEntry flush(const std::string& dir, std::size_t index, const std::string& dtype) {
    const std::string stem = store_detail::shard_stem(index);
    ShardEntry e{stem + ".ids.npy", stem + ".offsets.npy", documents(), tokens()};
    std::string offsets_bytes(offsets_.size() * 8, '\0');
    for (std::size_t i = 0; i < offsets_.size(); ++i) {
      const auto v = static_cast<std::uint64_t>(offsets_[i]);
      for (int b = 0; b < 8; ++b) offsets_bytes[i * 8 + b] = static_cast<char>(v >> (8 * b));
    }
    // Whole or not at all (temporary name, fsync, rename); the manifest names them only after.
    const std::string ids_head = npy_header(dtype, e.tokens);
    const std::string offsets_head = npy_header("<i8", offsets_.size());
    write_file_atomic(
        dir + "/" + e.ids,
        {ids_head, std::string_view(reinterpret_cast<const char*>(bytes_.data()), bytes_.size())});
    write_file_atomic(dir + "/" + e.offsets, {offsets_head, offsets_bytes});
    bytes_.clear();
    offsets_.assign(1, 0);
    return e;
  }

 private:
  std::size_t item_size_;
  std::vector<unsigned char> bytes_;
  std::vector<std::int64_t> offsets_{0};
};

std::uint64_t fnv1a64(const std::string& s, std::uint64_t h = 0xcbf29ce484222325ULL) {
  for (const char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

}  // namespace

std::string tokenizer_hash(const MusicTokenizer& tokenizer, const HfTokenizer* model) {
  nlohmann::json params = nlohmann::json::parse(tokenizer.to_json(-1));  // sorted keys
  for (const char* key : {"miditok_version", "symusic_version", "hf_tokenizers_version"}) {
    params.erase(key);
  }
  std::string doc = params.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (model != nullptr) doc += "\n" + model->to_str();
  char out[40];
  std::snprintf(out, sizeof out, "fnv1a64:%016llx", static_cast<unsigned long long>(fnv1a64(doc)));
  return out;
}

std::string narrowest_id_dtype(std::size_t vocab_size) {
  if (vocab_size <= 0x100) return "|u1";
  if (vocab_size <= 0x10000) return "<u2";
  return "<u4";
}

namespace store_detail {

void make_store_dir(const std::string& out_dir) {
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec || !fs::is_directory(out_dir)) {
    throw IoError("cannot create the token store directory " + out_dir);
  }
}

Manifest open_or_create(const std::string& out_dir, const std::string& hash,
                        const std::string& dtype, std::uint64_t vocab_size, FileList& files) {
  Manifest m;
  if (fs::exists(fs::path(out_dir) / kTokenStoreManifest)) {
    m = read_manifest(out_dir, [&files](FileEntry&& f) { files.add(f); });
    if (m.tokenizer_hash != hash) {
      throw ConfigError("token store: " + out_dir + " was written with another tokenizer (" +
                        m.tokenizer_hash + ", this one is " + hash + ")");
    }
  } else {
    m.tokenizer_hash = hash;
    m.dtype = dtype;
    m.vocab_size = vocab_size;
  }
  return m;
}

}  // namespace store_detail

namespace {

// The names of inputs [start, start + n) and their ids, encoded on `threads` threads.
using RoundEncoder = std::function<std::pair<std::vector<std::string>, EncodeFilesResult>(
    std::size_t start, std::size_t n, std::size_t threads)>;

// Encodes `count` inputs in rounds into the store at out_dir: shards flushed as they fill, the
// files' entries spooled, the manifest written last.
TokenStoreReport write_store(const MusicTokenizer& tokenizer, const HfTokenizer* model,
                             std::size_t count, const std::string& out_dir,
                             const TokenStoreOptions& options, const RoundEncoder& encode_round) {
  if (dynamic_cast<const MultiVocTokenizer*>(&tokenizer) != nullptr) {
    throw ConfigError("tokenize_to_store: multi-vocabulary tokenizers are not supported");
  }
  if (options.shard_tokens == 0) throw ConfigError("tokenize_to_store: shard_tokens must be > 0");
  store_detail::make_store_dir(out_dir);
  const std::size_t vocab = model != nullptr ? model->vocab_size() : tokenizer.vocab_size();
  FileList files(out_dir);
  Manifest m = store_detail::open_or_create(out_dir, tokenizer_hash(tokenizer, model),
                                            narrowest_id_dtype(vocab), vocab, files);
  const std::size_t item_size = npy_item_size(m.dtype);
  const std::size_t threads = options.threads == 0 ? num_threads() : options.threads;
  const std::size_t round = options.files_per_round == 0 ? 64 * threads : options.files_per_round;

  TokenStoreReport report;
  report.files = count;
  ShardBuilder shard(item_size, options.shard_tokens);
  auto flush = [&] {
    m.shards.push_back(shard.flush(out_dir, m.shards.size(), m.dtype));
    ++report.shards;
  };
  for (std::size_t start = 0; start < count; start += round) {
    auto [names, r] = encode_round(start, std::min(count - start, round), threads);
    for (std::size_t i = 0; i < names.size(); ++i) {
      FileEntry f{names[i], 0, -1, r.errors[i]};
      if (r.ok[i]) {
        for (const auto& seq : r.ids[i]) shard.add(seq, names[i]);  // TokenError: a foreign id
        f.documents = r.ids[i].size();
        f.shard = f.documents > 0 ? static_cast<std::int64_t>(m.shards.size()) : -1;
      } else if (f.error.empty()) {
        f.error = "unknown error";
      }
      if (!f.error.empty()) report.errors.emplace_back(start + i, f.error);
      report.documents += f.documents;
      files.add(f);
      r.ids[i].clear();
      r.ids[i].shrink_to_fit();
      if (shard.tokens() >= options.shard_tokens) flush();
    }
  }
  if (shard.documents() > 0) flush();
  for (std::size_t s = m.shards.size() - report.shards; s < m.shards.size(); ++s) {
    report.tokens += m.shards[s].tokens;
  }
  report.failed = report.errors.size();
  store_detail::write_manifest(out_dir, m, files);
  return report;
}

template <class T>
std::vector<T> slice(const std::vector<T>& v, std::size_t start, std::size_t n) {
  const auto first = v.begin() + static_cast<std::ptrdiff_t>(start);
  return {first, first + static_cast<std::ptrdiff_t>(n)};
}

}  // namespace

TokenStoreReport tokenize_to_store(const MusicTokenizer& tokenizer, const HfTokenizer* model,
                                   const std::vector<std::string>& paths,
                                   const std::string& out_dir, const TokenStoreOptions& options) {
  const PathSource source{
      paths.size(), [&paths](std::size_t start, std::size_t n) { return slice(paths, start, n); }};
  return tokenize_to_store(tokenizer, model, source, out_dir, options);
}

TokenStoreReport tokenize_to_store(const MusicTokenizer& tokenizer, const HfTokenizer* model,
                                   const PathSource& paths, const std::string& out_dir,
                                   const TokenStoreOptions& options) {
  return write_store(tokenizer, model, paths.count, out_dir, options,
                     [&](std::size_t start, std::size_t n, std::size_t threads) {
                       std::vector<std::string> names = paths.fetch(start, n);
                       EncodeFilesResult r =
                           encode_files(tokenizer, model, names, threads, options.done);
                       return std::pair{std::move(names), std::move(r)};
                     });
}

TokenStoreReport tokenize_buffers_to_store(const MusicTokenizer& tokenizer,
                                           const HfTokenizer* model,
                                           const std::vector<std::string_view>& buffers,
                                           const std::vector<std::string>& names,
                                           const std::string& out_dir,
                                           const TokenStoreOptions& options) {
  if (buffers.size() != names.size()) {
    throw ConfigError("tokenize_buffers_to_store: " + std::to_string(buffers.size()) +
                      " buffers for " + std::to_string(names.size()) + " names");
  }
  return write_store(tokenizer, model, names.size(), out_dir, options,
                     [&](std::size_t start, std::size_t n, std::size_t threads) {
                       std::vector<std::string> batch = slice(names, start, n);
                       EncodeFilesResult r =
                           encode_buffers(tokenizer, model, slice(buffers, start, n), batch,
                                          threads, options.done);
                       return std::pair{std::move(batch), std::move(r)};
                     });
}

}  // namespace miditok
