// CompoundTokens: one sequence of compound tokens as strings, the input of the compound decoders
// (rows of views into the sub-vocabularies or the caller's strings). Stored flat, one buffer of
// views and the start of each row, so that decoding a file allocates twice, not once per row.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

namespace miditok {

/// Rows of token views (each up to the tokenizer's width; MuMIDI's rows are ragged).
class CompoundTokens {
 public:
  /// The views of one row.
  using Row = std::span<const std::string_view>;

  /// Walks the rows in order.
  class Iterator {
   public:
    Iterator(const CompoundTokens* rows, std::size_t r) : rows_(rows), r_(r) {}
    Row operator*() const { return (*rows_)[r_]; }
    Iterator& operator++() {
      ++r_;
      return *this;
    }
    bool operator==(const Iterator& other) const { return r_ == other.r_; }

   private:
    const CompoundTokens* rows_;
    std::size_t r_;
  };

  /// Room for a number of rows and of views in all.
  void reserve(std::size_t rows, std::size_t views) {
    starts_.reserve(rows);
    views_.reserve(views);
  }
  /// Starts a new (empty) row; push_back fills the last row.
  void new_row() { starts_.push_back(views_.size()); }
  /// Appends a view to the last row.
  void push_back(std::string_view view) { views_.push_back(view); }

  std::size_t size() const { return starts_.size(); }
  bool empty() const { return starts_.empty(); }
  Row operator[](std::size_t r) const {
    const std::size_t end = r + 1 < starts_.size() ? starts_[r + 1] : views_.size();
    return Row(views_.data() + starts_[r], end - starts_[r]);
  }
  Iterator begin() const { return Iterator(this, 0); }
  Iterator end() const { return Iterator(this, starts_.size()); }

 private:
  std::vector<std::string_view> views_;
  std::vector<std::size_t> starts_;
};

}  // namespace miditok
