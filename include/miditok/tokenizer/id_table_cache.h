// Where a tokenizer keeps its decode table (detail::IdTable, private to src/): built on first use
// by a decode, again when the vocabulary has grown (it only grows: add_to_vocab appends), shared
// by concurrent decodes. A copied tokenizer starts with none and builds its own.
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>

namespace miditok::detail {

struct IdTable;

/// The lazily built decode table of one vocabulary.
class IdTableCache {
 public:
  IdTableCache() = default;
  IdTableCache(const IdTableCache&) {}
  IdTableCache& operator=(const IdTableCache&) {
    std::lock_guard lock(mutex_);
    table_.reset();
    return *this;
  }

  /// The table of a vocabulary of `vocab_size` ids, build() making it when there is none yet or
  /// it was made for another size.
  template <class Build>
  std::shared_ptr<const IdTable> get(std::size_t vocab_size, Build&& build) const {
    std::lock_guard lock(mutex_);
    if (!table_ || size_ != vocab_size) {
      table_ = build();
      size_ = vocab_size;
    }
    return table_;
  }

 private:
  mutable std::mutex mutex_;
  mutable std::shared_ptr<const IdTable> table_;
  mutable std::size_t size_ = 0;
};

}  // namespace miditok::detail
