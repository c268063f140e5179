// A bounds-checked cursor over the bytes of a score's binary forms (our serialized score and
// symusic's state): every read checks the bytes left, and a failure raises MidiError naming the
// source and the byte offset. Count is the integer type the format stores counts and lengths in.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "miditok/core/error.h"

namespace miditok::detail {

template <class Count>
class ByteReader {
 public:
  ByteReader(std::string_view data, const char* source) : data_(data), source_(source) {}

  template <class T>
  T get() {
    need(sizeof(T));
    T value;
    std::memcpy(&value, data_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return value;
  }
  /// A count whose items (each at least item_size bytes) fit in the bytes left.
  std::size_t count(std::size_t item_size) {
    const auto n = static_cast<std::uint64_t>(get<Count>());
    if (item_size > 0 && n > (data_.size() - pos_) / item_size) {
      fail("list length exceeds the data");
    }
    return static_cast<std::size_t>(n);
  }
  std::string text() {
    const std::size_t n = count(1);
    std::string s(data_.substr(pos_, n));
    pos_ += n;
    return s;
  }
  /// A count, then that many E copied whole (E's memory is the stored record).
  template <class E>
  std::vector<E> records() {
    std::vector<E> v(count(sizeof(E)));
    if (!v.empty()) {
      std::memcpy(static_cast<void*>(v.data()), data_.data() + pos_, v.size() * sizeof(E));
    }
    pos_ += v.size() * sizeof(E);
    return v;
  }
  void need(std::uint64_t n) const {
    if (n > data_.size() - pos_) fail("truncated data");
  }
  [[noreturn]] void fail(const std::string& what) const {
    throw MidiError(describe_at(what, source_, pos_));
  }
  void finish() const {
    if (pos_ != data_.size()) fail("trailing bytes after the data");
  }

 private:
  std::string_view data_;
  const char* source_;
  std::size_t pos_ = 0;
};

}  // namespace miditok::detail
