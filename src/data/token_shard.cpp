#include "miditok/data/token_shard.h"

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "miditok/core/error.h"
#include "miditok/core/file_io.h"

namespace miditok {
namespace {

// Layout, little-endian: magic[8] | u32 version | u32 reserved | u64 num_sequences |
// u64 num_tokens | u64 offsets[num_sequences + 1] | i32 ids[num_tokens].
constexpr char kMagic[8] = {'M', 'T', 'K', 'S', 'H', 'R', 'D', '1'};
constexpr std::uint32_t kVersion = 1;
constexpr std::size_t kHeaderSize = 8 + 4 + 4 + 8 + 8;

template <typename T>
void put(std::string& out, T value) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  out.append(bytes, sizeof(T));
}

template <typename T>
T get(const std::string& in, std::size_t offset) {
  T value;
  std::memcpy(&value, in.data() + offset, sizeof(T));
  return value;
}

[[noreturn]] void damaged(const std::string& path, const std::string& what, std::size_t offset) {
  throw IoError(describe_at("damaged token shard: " + what, path, offset));
}

}  // namespace

void TokenSequences::push_back(std::span<const token_id_t> ids) {
  ids_.insert(ids_.end(), ids.begin(), ids.end());
  offsets_.push_back(ids_.size());
}

std::span<const token_id_t> TokenSequences::operator[](std::size_t i) const {
  return {ids_.data() + offsets_[i], static_cast<std::size_t>(offsets_[i + 1] - offsets_[i])};
}

TokenSequences TokenSequences::from_buffers(std::vector<token_id_t> ids,
                                            std::vector<std::uint64_t> offsets) {
  if (offsets.empty() || offsets.front() != 0 || offsets.back() != ids.size()) {
    throw TokenError("token sequences: offsets must start at 0 and end at the number of ids");
  }
  for (std::size_t i = 1; i < offsets.size(); ++i) {
    if (offsets[i] < offsets[i - 1]) {
      throw TokenError("token sequences: offsets decrease at index " + std::to_string(i));
    }
  }
  TokenSequences out;
  out.ids_ = std::move(ids);
  out.offsets_ = std::move(offsets);
  return out;
}

void write_token_shard(const std::string& path, const TokenSequences& sequences) {
  std::string header;
  header.append(kMagic, sizeof(kMagic));
  put<std::uint32_t>(header, kVersion);
  put<std::uint32_t>(header, 0);
  put<std::uint64_t>(header, sequences.size());
  put<std::uint64_t>(header, sequences.num_tokens());
  header.append(reinterpret_cast<const char*>(sequences.offsets().data()),
                sequences.offsets().size() * sizeof(std::uint64_t));
  header.append(reinterpret_cast<const char*>(sequences.ids().data()),
                sequences.ids().size() * sizeof(token_id_t));
  write_file_atomic(path, header);
}

TokenSequences read_token_shard(const std::string& path) {
  const std::string data = read_regular_file(path);
  if (data.size() < kHeaderSize) damaged(path, "truncated header", data.size());
  if (std::memcmp(data.data(), kMagic, sizeof(kMagic)) != 0) damaged(path, "bad magic", 0);
  if (get<std::uint32_t>(data, 8) != kVersion) damaged(path, "unknown version", 8);
  const auto num_sequences = get<std::uint64_t>(data, 16);
  const auto num_tokens = get<std::uint64_t>(data, 24);
  const std::size_t body = data.size() - kHeaderSize;
  // Checked in this order, sizes cannot overflow: each count is bounded by the file size first.
  if (num_sequences >= body / sizeof(std::uint64_t)) damaged(path, "sequence count", 16);
  const std::size_t offsets_bytes = (num_sequences + 1) * sizeof(std::uint64_t);
  if (num_tokens != (body - offsets_bytes) / sizeof(token_id_t) ||
      (body - offsets_bytes) % sizeof(token_id_t) != 0) {
    damaged(path, "token count does not match the file size", 24);
  }
  std::vector<std::uint64_t> offsets(num_sequences + 1);
  std::memcpy(offsets.data(), data.data() + kHeaderSize, offsets_bytes);
  std::vector<token_id_t> ids(num_tokens);
  std::memcpy(ids.data(), data.data() + kHeaderSize + offsets_bytes,
              num_tokens * sizeof(token_id_t));
  try {
    return TokenSequences::from_buffers(std::move(ids), std::move(offsets));
  } catch (const TokenError& error) {
    damaged(path, error.what(), kHeaderSize);
  }
}

}  // namespace miditok
