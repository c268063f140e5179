// Test helper: a base-id sequence of `bars` bars of 8 tokens (ids, bar ticks and event times),
// varied by `seed`, to train and apply models without reading music files.
#pragma once

#include "miditok/tokenizer/music_tokenizer.h"

namespace miditok::test {

inline TokSequence synthetic(const MusicTokenizer& tok, int bars, int seed) {
  TokSequence s;
  const auto n = static_cast<int>(tok.vocab_size());
  for (int b = 0; b < bars; ++b) {
    s.ticks_bars.push_back(b * 100);
    for (int i = 0; i < 8; ++i) {
      s.ids.push_back(4 + (b * 7 + i * 3 + seed) % 12 % (n - 4));
      s.events.push_back(Event{"X", "0", b * 100 + i * 10, 0, 0});
    }
  }
  return s;
}

}  // namespace miditok::test
