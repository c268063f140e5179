// Bit-packed integer vectors and the bit-packed samples of a pre-tokenized dataset.
#include "miditok/data/packed_ids.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <string>
#include <utility>

#include "miditok/core/error.h"

namespace miditok {

namespace {

constexpr std::uint64_t mask_of(int bits) {
  return bits >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << bits) - 1;
}

/// Words holding n values of `bits` bits, plus one spare word so that every value can be read
/// with one unaligned 8-byte load (a value may straddle two words).
constexpr std::size_t words_for(std::size_t n, int bits) {
  return bits == 0 ? 0 : (n * static_cast<std::size_t>(bits) + 63) / 64 + 1;
}

/// Widest value read with one unaligned 8-byte load at its byte (the load keeps 57+ bits).
constexpr int kMaxLoadBits = 56;

/// The `bits`-bit value at bit `pos` (bits <= kMaxLoadBits, spare word present).
inline std::uint64_t load_bits(const std::uint64_t* words, std::size_t pos, std::uint64_t mask) {
  std::uint64_t x = 0;
  std::memcpy(&x, reinterpret_cast<const unsigned char*>(words) + (pos >> 3), sizeof x);
  if constexpr (std::endian::native == std::endian::big) x = __builtin_bswap64(x);
  return (x >> (pos & 7)) & mask;
}

/// Bits needed for values in [lo, hi].
int width_of(std::int64_t lo, std::int64_t hi) {
  return static_cast<int>(
      std::bit_width(static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo)));
}

}  // namespace

void BitPackedVector::put(std::size_t i, std::uint64_t v) {
  if (bits_ == 0) return;
  const std::size_t pos = i * static_cast<std::size_t>(bits_);
  const std::size_t w = pos >> 6;
  const int off = static_cast<int>(pos & 63);
  words_[w] |= v << off;
  if (off + bits_ > 64) words_[w + 1] |= v >> (64 - off);
}

std::int64_t BitPackedVector::operator[](std::size_t i) const {
  if (bits_ == 0) return base_;
  const std::size_t pos = i * static_cast<std::size_t>(bits_);
  if (bits_ <= kMaxLoadBits) {
    return static_cast<std::int64_t>(static_cast<std::uint64_t>(base_) +
                                     load_bits(words_.data(), pos, mask_of(bits_)));
  }
  const std::size_t w = pos >> 6;
  const int off = static_cast<int>(pos & 63);
  std::uint64_t v = words_[w] >> off;
  if (off + bits_ > 64) v |= words_[w + 1] << (64 - off);
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(base_) + (v & mask_of(bits_)));
}

void BitPackedVector::copy_to(std::size_t start, std::size_t n, std::int64_t* out) const {
  if (bits_ == 0) {
    std::fill(out, out + n, base_);
    return;
  }
  const std::uint64_t mask = mask_of(bits_);
  const auto base = static_cast<std::uint64_t>(base_);
  const std::uint64_t* words = words_.data();
  const auto step = static_cast<std::size_t>(bits_);
  std::size_t pos = start * step;
  if (bits_ <= kMaxLoadBits) {
    for (std::size_t k = 0; k < n; ++k, pos += step) {
      out[k] = static_cast<std::int64_t>(base + load_bits(words, pos, mask));
    }
    return;
  }
  for (std::size_t k = 0; k < n; ++k, pos += step) {
    const std::size_t w = pos >> 6;
    const int off = static_cast<int>(pos & 63);
    std::uint64_t v = words[w] >> off;
    if (off + bits_ > 64) v |= words[w + 1] << (64 - off);
    out[k] = static_cast<std::int64_t>(base + (v & mask));
  }
}

void BitPackedVector::fit(std::int64_t lo, std::int64_t hi) {
  const std::int64_t new_base = std::min(base_, lo);
  const std::int64_t new_max = std::max(max_, hi);
  const int new_bits = width_of(new_base, new_max);
  max_ = new_max;
  if (new_base == base_ && new_bits <= bits_) return;
  // Widen: every value held is repacked on the new base and width
  std::vector<std::int64_t> values(size_);
  copy_to(0, size_, values.data());
  base_ = new_base;
  bits_ = new_bits;
  words_.assign(words_for(size_, bits_), 0);
  for (std::size_t i = 0; i < size_; ++i) {
    put(i, static_cast<std::uint64_t>(values[i]) - static_cast<std::uint64_t>(base_));
  }
}

void BitPackedVector::push_back(std::int64_t value) { append(&value, 1); }

template <class T>
void BitPackedVector::append(const T* values, std::size_t n) {
  if (n == 0) return;
  const auto [lo, hi] = std::minmax_element(values, values + n);
  fit(static_cast<std::int64_t>(*lo), static_cast<std::int64_t>(*hi));
  const std::size_t needed = words_for(size_ + n, bits_);
  if (needed > words_.size()) {
    // Geometric growth: appending sample by sample stays linear
    if (needed > words_.capacity()) words_.reserve(std::max(needed, 2 * words_.capacity()));
    words_.resize(needed, 0);
  }
  const auto base = static_cast<std::uint64_t>(base_);
  for (std::size_t k = 0; k < n; ++k) {
    put(size_ + k, static_cast<std::uint64_t>(static_cast<std::int64_t>(values[k])) - base);
  }
  size_ += n;
}

template void BitPackedVector::append<std::int32_t>(const std::int32_t*, std::size_t);
template void BitPackedVector::append<std::int64_t>(const std::int64_t*, std::size_t);
template void BitPackedVector::append<std::uint64_t>(const std::uint64_t*, std::size_t);

BitPackedVector BitPackedVector::from_parts(std::vector<std::uint64_t> words, int bits,
                                            std::int64_t base, std::size_t size) {
  if (bits < 0 || bits > 64) {
    throw TokenError("packed ids: bits per value must be in [0, 64], got " + std::to_string(bits));
  }
  if (size > (std::size_t{1} << 57) || words.size() != words_for(size, bits)) {
    throw TokenError("packed ids: " + std::to_string(words.size()) + " words cannot hold " +
                     std::to_string(size) + " values of " + std::to_string(bits) + " bits");
  }
  BitPackedVector v;
  v.words_ = std::move(words);
  v.bits_ = bits;
  v.base_ = base;
  v.size_ = size;
  // Bits past the last value must be 0: appending ORs into them
  if (!v.words_.empty()) {
    const std::size_t total = size * static_cast<std::size_t>(bits);
    std::fill(v.words_.begin() + static_cast<std::ptrdiff_t>((total + 63) / 64), v.words_.end(), 0);
    if (total % 64 != 0) v.words_[total / 64] &= mask_of(static_cast<int>(total % 64));
  }
  v.max_ = base;
  for (std::size_t i = 0; i < size; ++i) v.max_ = std::max(v.max_, v[i]);
  return v;
}

PackedSamples::PackedSamples(std::size_t inner) : inner_(inner) {
  if (inner == 0) throw TokenError("packed samples: ids per row must be at least 1, got 0");
  offsets_.push_back(0);
}

template <class T>
void PackedSamples::append(const T* ids, std::size_t rows) {
  ids_.append(ids, rows * inner_);
  offsets_.push_back(offsets_[size()] + static_cast<std::int64_t>(rows));
}

template <class T>
void PackedSamples::append_flat(std::span<const T> ids, std::span<const std::uint64_t> offsets) {
  if (offsets.empty()) return;
  for (std::size_t s = 1; s < offsets.size(); ++s) {
    if (offsets[s] < offsets[s - 1]) {
      throw TokenError("packed samples: offsets decrease at sample " + std::to_string(s));
    }
  }
  if (offsets.back() * inner_ > ids.size()) {
    throw TokenError("packed samples: last offset " + std::to_string(offsets.back()) +
                     " is past the " + std::to_string(ids.size()) + " ids given");
  }
  const std::uint64_t first = offsets.front();
  ids_.append(ids.data() + first * inner_, (offsets.back() - first) * inner_);
  const std::int64_t shift = offsets_[size()] - static_cast<std::int64_t>(first);
  for (std::size_t s = 1; s < offsets.size(); ++s) {
    offsets_.push_back(static_cast<std::int64_t>(offsets[s]) + shift);
  }
}

template void PackedSamples::append<std::int32_t>(const std::int32_t*, std::size_t);
template void PackedSamples::append<std::int64_t>(const std::int64_t*, std::size_t);
template void PackedSamples::append_flat<std::int32_t>(std::span<const std::int32_t>,
                                                       std::span<const std::uint64_t>);

std::size_t PackedSamples::rows(std::size_t i) const {
  return static_cast<std::size_t>(offsets_[i + 1] - offsets_[i]);
}

void PackedSamples::copy_sample(std::size_t i, std::int64_t* out) const {
  const auto start = static_cast<std::size_t>(offsets_[i]);
  ids_.copy_to(start * inner_, rows(i) * inner_, out);
}

void PackedSamples::shrink_to_fit() {
  ids_.shrink_to_fit();
  offsets_.shrink_to_fit();
}

PackedSamples PackedSamples::from_parts(BitPackedVector ids, BitPackedVector offsets,
                                        std::size_t inner) {
  PackedSamples out(inner);
  if (offsets.size() == 0 || offsets[0] != 0) {
    throw TokenError("packed samples: offsets must start at 0");
  }
  for (std::size_t s = 1; s < offsets.size(); ++s) {
    if (offsets[s] < offsets[s - 1]) {
      throw TokenError("packed samples: offsets decrease at sample " + std::to_string(s));
    }
  }
  const auto last = static_cast<std::uint64_t>(offsets[offsets.size() - 1]);
  if (last * inner != ids.size()) {
    throw TokenError("packed samples: offsets end at row " + std::to_string(last) + " but " +
                     std::to_string(ids.size()) + " ids are stored");
  }
  out.ids_ = std::move(ids);
  out.offsets_ = std::move(offsets);
  return out;
}

}  // namespace miditok
