// TokenStore: the shards of a token store memory-mapped and validated against the manifest.
#include "miditok/data/token_store.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>

#include "miditok/core/error.h"
#include "miditok/data/npy.h"
#include "token_store_manifest.h"

namespace miditok {
namespace {

namespace fs = std::filesystem;

// A read-only private mapping of a whole file.
class MappedFile {
 public:
  explicit MappedFile(const std::string& path) : path_(path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw IoError("token store: cannot open the shard " + path);
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
      ::close(fd);
      throw IoError("token store: the shard is not a regular file: " + path);
    }
    size_ = static_cast<std::size_t>(st.st_size);
    if (size_ > 0) {
      void* p = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
      if (p == MAP_FAILED) {
        ::close(fd);
        throw IoError("token store: cannot map the shard " + path);
      }
      data_ = static_cast<const unsigned char*>(p);
    }
    fd_ = fd;  // kept for read_at
  }
  ~MappedFile() {
    if (data_ != nullptr) ::munmap(const_cast<unsigned char*>(data_), size_);
    ::close(fd_);
  }
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  const unsigned char* data() const { return data_; }
  std::size_t size() const { return size_; }
  const std::string& path() const { return path_; }
  // Copies the n bytes at p (inside the map) with pread: no page of the map becomes resident.
  // (Touching the map would leave pages resident: the kernel maps whole large folios around a
  // fault, more than madvise of the 64 KiB fault-around window gave back.)
  void read_at(const void* p, std::size_t n, void* out) const {
    auto offset = static_cast<off_t>(static_cast<const unsigned char*>(p) - data_);
    auto* dst = static_cast<char*>(out);
    while (n > 0) {
      const ssize_t got = ::pread(fd_, dst, n, offset);
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) throw IoError("token store: cannot read the shard " + path_, path_, errno);
      dst += got;
      offset += got;
      n -= static_cast<std::size_t>(got);
    }
  }
  // Gives the pages back (they are read again from the file when touched).
  void release() const {
    if (data_ != nullptr) ::madvise(const_cast<unsigned char*>(data_), size_, MADV_DONTNEED);
  }

 private:
  std::string path_;
  int fd_ = -1;
  const unsigned char* data_ = nullptr;
  std::size_t size_ = 0;
};

[[noreturn]] void damaged(const std::string& path, const std::string& what) {
  throw IoError("damaged token store shard (" + what + "): " + path);
}

// The data of a validated 1-D .npy of `length` elements of `descr`.
const unsigned char* npy_data(const MappedFile& file, const std::string& descr,
                              std::uint64_t length) {
  const std::string_view bytes(reinterpret_cast<const char*>(file.data()), file.size());
  const NpyHeader h = parse_npy_header(bytes, file.path());
  const bool same = h.descr == descr || (descr == "|u1" && h.descr == "<u1");
  if (!same) damaged(file.path(), "dtype " + h.descr + ", the manifest says " + descr);
  if (h.length != length) {
    damaged(file.path(),
            std::to_string(h.length) + " elements, the manifest says " + std::to_string(length));
  }
  const std::size_t item = npy_item_size(descr);
  if (h.data_offset % item != 0) damaged(file.path(), "misaligned data");
  if (file.size() != h.data_offset + length * item) {
    damaged(file.path(), std::to_string(file.size()) + " bytes, " +
                             std::to_string(h.data_offset + length * item) + " expected");
  }
  return file.data() + h.data_offset;
}

std::uint64_t read_id(const unsigned char* p, std::size_t item) {
  std::uint64_t v = 0;
  for (std::size_t b = 0; b < item; ++b) v |= static_cast<std::uint64_t>(p[b]) << (8 * b);
  return v;
}

struct Shard {
  std::unique_ptr<MappedFile> ids_file;
  std::unique_ptr<MappedFile> offsets_file;
  const unsigned char* ids = nullptr;
  const unsigned char* offsets = nullptr;  // int64 little-endian
};

}  // namespace

struct TokenStore::Impl {
  std::string dir;
  store_detail::Manifest manifest;
  std::size_t item_size = 0;
  std::vector<Shard> shards;
  std::vector<std::uint64_t> first_doc;  // per shard, then the total
  std::uint64_t tokens = 0;

  std::int64_t offset(const Shard& s, std::uint64_t d) const {
    std::int64_t v;
    std::memcpy(&v, s.offsets + d * 8, 8);
    return v;
  }
  // Document d's first and end offsets, read without touching the map.
  std::pair<std::int64_t, std::int64_t> bounds(const Shard& s, std::uint64_t d) const {
    unsigned char b[16];
    s.offsets_file->read_at(s.offsets + d * 8, sizeof b, b);
    return {static_cast<std::int64_t>(read_id(b, 8)), static_cast<std::int64_t>(read_id(b + 8, 8))};
  }

  struct Located {
    const Shard* shard;
    std::uint64_t doc;  // within the shard
    const unsigned char* data;
    std::size_t n;  // ids
  };
  Located locate(std::size_t i) const {
    if (i >= first_doc.back()) {
      throw std::out_of_range("token store: document " + std::to_string(i) + " of " +
                              std::to_string(first_doc.back()));
    }
    const auto it = std::upper_bound(first_doc.begin(), first_doc.end(), i);
    const auto s = static_cast<std::size_t>(it - first_doc.begin()) - 1;
    const std::uint64_t d = i - first_doc[s];
    const Shard& sh = shards[s];
    const auto [begin, end] = bounds(sh, d);
    return {&sh, d, sh.ids + static_cast<std::size_t>(begin) * item_size,
            static_cast<std::size_t>(end - begin)};
  }
};

TokenStore::TokenStore(const std::string& dir) : impl_(std::make_unique<Impl>()) {
  Impl& im = *impl_;
  im.dir = dir;
  im.manifest = store_detail::read_manifest(dir);
  im.item_size = npy_item_size(im.manifest.dtype);
  im.first_doc.push_back(0);
  for (const store_detail::ShardEntry& e : im.manifest.shards) {
    Shard s;
    s.ids_file = std::make_unique<MappedFile>((fs::path(dir) / e.ids).string());
    s.offsets_file = std::make_unique<MappedFile>((fs::path(dir) / e.offsets).string());
    s.ids = npy_data(*s.ids_file, im.manifest.dtype, e.tokens);
    s.offsets = npy_data(*s.offsets_file, "<i8", e.documents + 1);
    std::int64_t prev = 0;
    for (std::uint64_t d = 0; d <= e.documents; ++d) {
      const std::int64_t v = im.offset(s, d);
      if ((d == 0 && v != 0) || v < prev || static_cast<std::uint64_t>(v) > e.tokens) {
        damaged(s.offsets_file->path(), "offset " + std::to_string(d) + " is out of order");
      }
      prev = v;
    }
    if (static_cast<std::uint64_t>(prev) != e.tokens) {
      damaged(s.offsets_file->path(), "the offsets do not end at the number of ids");
    }
    s.offsets_file->release();
    s.ids_file->release();  // the header's pages: a store of many shards holds none open
    im.tokens += e.tokens;
    im.first_doc.push_back(im.first_doc.back() + e.documents);
    im.shards.push_back(std::move(s));
  }
}

TokenStore::~TokenStore() = default;
TokenStore::TokenStore(TokenStore&&) noexcept = default;
TokenStore& TokenStore::operator=(TokenStore&&) noexcept = default;

std::size_t TokenStore::size() const { return impl_->first_doc.back(); }
std::uint64_t TokenStore::num_tokens() const { return impl_->tokens; }
const std::string& TokenStore::dtype() const { return impl_->manifest.dtype; }
std::size_t TokenStore::item_size() const { return impl_->item_size; }
const std::string& TokenStore::tokenizer_hash() const { return impl_->manifest.tokenizer_hash; }
std::size_t TokenStore::vocab_size() const { return impl_->manifest.vocab_size; }
const std::string& TokenStore::dir() const { return impl_->dir; }

std::pair<const void*, std::size_t> TokenStore::raw(std::size_t i) const {
  const Impl::Located at = impl_->locate(i);
  return {at.data, at.n};
}

std::vector<std::int64_t> TokenStore::ids(std::size_t i) const {
  const auto [data, n] = raw(i);
  const auto* p = static_cast<const unsigned char*>(data);
  std::vector<std::int64_t> out(n);
  for (std::size_t k = 0; k < n; ++k) {
    out[k] = static_cast<std::int64_t>(read_id(p + k * impl_->item_size, impl_->item_size));
  }
  return out;
}

std::vector<std::int64_t> TokenStore::item(std::size_t i, std::size_t max_seq_len,
                                           std::optional<std::int64_t> bos_token_id,
                                           std::optional<std::int64_t> eos_token_id) const {
  const Impl::Located at = impl_->locate(i);
  const std::size_t n = at.n;
  if (n == 0) return {};
  const std::size_t specials = (bos_token_id ? 1 : 0) + (eos_token_id ? 1 : 0);
  const std::size_t room = max_seq_len > specials ? max_seq_len - specials : 0;
  const std::size_t kept = std::min(n, room);
  const bool add_eos = eos_token_id.has_value() && kept == n;  // a cut document does not end
  // The ids are read with pread, not through the map: a reader's resident memory stays flat
  // over an epoch instead of growing with the part of the store it has read (the page cache
  // keeps the pages).
  const std::size_t item = impl_->item_size;
  std::vector<unsigned char> bytes(kept * item);
  if (kept > 0) at.shard->ids_file->read_at(at.data, bytes.size(), bytes.data());
  std::vector<std::int64_t> out;
  out.reserve(kept + specials);
  if (bos_token_id) out.push_back(bos_token_id.value_or(0));
  for (std::size_t k = 0; k < kept; ++k) {
    out.push_back(static_cast<std::int64_t>(read_id(bytes.data() + k * item, item)));
  }
  if (add_eos) out.push_back(eos_token_id.value_or(0));
  return out;
}

}  // namespace miditok
