// Test helper: builds the WordCounts the trainers take from (word, count) pairs.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "miditok/models/text.h"

namespace miditok::test {

/// Words and counts, in the given order.
inline WordCounts make_word_counts(std::vector<std::pair<std::u32string, uint64_t>> items) {
  WordCounts wc;
  for (auto& [w, n] : items) {
    wc.words.push_back(w);
    wc.counts.push_back(n);
  }
  return wc;
}

}  // namespace miditok::test
