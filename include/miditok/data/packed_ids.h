// Bit-packed integers: every value stored on the same number of bits, the fewest that hold the
// range seen so far, in one flat buffer of 64-bit words. PackedSamples keeps the pre-tokenized
// samples of DatasetMIDI this way: 9 bits a token for a 500-token vocabulary (a LongTensor per
// sample takes 64), with bit-packed offsets.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "miditok/core/types.h"

namespace miditok {

/// Append-only vector of integers on a common bit width that widens (repacking) when a value
/// falls outside the range held so far.
class BitPackedVector {
 public:
  /// Appends one value.
  void push_back(std::int64_t value);
  /// Appends n values.
  template <class T>
  void append(const T* values, std::size_t n);
  /// Value i (no bounds check).
  std::int64_t operator[](std::size_t i) const;
  /// Writes values [start, start + n) to out as int64.
  void copy_to(std::size_t start, std::size_t n, std::int64_t* out) const;
  /// Number of values.
  std::size_t size() const { return size_; }
  /// Bits per value (0 when every value equals base()).
  int bits() const { return bits_; }
  /// The value stored as 0.
  std::int64_t base() const { return base_; }
  /// The packed words.
  const std::vector<std::uint64_t>& words() const { return words_; }
  /// Bytes held by the packed words.
  std::size_t nbytes() const { return words_.capacity() * sizeof(std::uint64_t); }
  /// Frees the spare capacity left by appending.
  void shrink_to_fit() { words_.shrink_to_fit(); }
  /// Rebuilds from words(), bits(), base() and size() (TokenError when they do not fit).
  static BitPackedVector from_parts(std::vector<std::uint64_t> words, int bits, std::int64_t base,
                                    std::size_t size);

 private:
  void fit(std::int64_t lo, std::int64_t hi);
  void put(std::size_t i, std::uint64_t v);

  std::vector<std::uint64_t> words_;
  int bits_ = 0;
  std::int64_t base_ = 0;
  std::int64_t max_ = 0;  ///< largest value held (base_ when empty)
  std::size_t size_ = 0;
};

/// Token-id samples, bit-packed: sample i is rows [offsets[i], offsets[i + 1]) of `inner` ids
/// each (inner is 1 for one vocabulary, the number of vocabularies for multi-vocab ids).
class PackedSamples {
 public:
  explicit PackedSamples(std::size_t inner = 1);
  /// Appends one sample of rows * inner() ids (row-major).
  template <class T>
  void append(const T* ids, std::size_t rows);
  /// Appends the samples of a flat buffer: sample s is rows [offsets[s], offsets[s + 1]).
  template <class T>
  void append_flat(std::span<const T> ids, std::span<const std::uint64_t> offsets);
  /// Number of samples.
  std::size_t size() const { return offsets_.size() - 1; }
  /// Rows of sample i.
  std::size_t rows(std::size_t i) const;
  /// Writes the ids of sample i to out (rows(i) * inner() values).
  void copy_sample(std::size_t i, std::int64_t* out) const;
  /// Ids per row.
  std::size_t inner() const { return inner_; }
  /// Total number of ids.
  std::size_t num_ids() const { return ids_.size(); }
  /// Bytes held by the ids and the offsets.
  std::size_t nbytes() const { return ids_.nbytes() + offsets_.nbytes(); }
  /// Frees the spare capacity left by appending.
  void shrink_to_fit();
  /// The packed ids.
  const BitPackedVector& ids() const { return ids_; }
  /// The packed offsets (in rows, size() + 1 of them, from 0).
  const BitPackedVector& offsets() const { return offsets_; }
  /// Rebuilds from its parts, validating them (TokenError when inconsistent).
  static PackedSamples from_parts(BitPackedVector ids, BitPackedVector offsets, std::size_t inner);

 private:
  BitPackedVector ids_;
  BitPackedVector offsets_;
  std::size_t inner_ = 1;
};

}  // namespace miditok
