// TokSequence: slicing, concatenation, equality and splitting per bar.
#include <gtest/gtest.h>

#include "miditok/tokenizer/tok_sequence.h"

namespace miditok {
namespace {

TokSequence make() {
  TokSequence s;
  for (int i = 0; i < 6; ++i) {
    s.events.push_back(Event{"Position", std::to_string(i), i * 10, 0, 0});
    s.tokens.push_back(s.events.back().str());
    s.ids.push_back(i + 4);
  }
  s.ticks_bars = {0, 20, 40};
  return s;
}

TEST(TokSequence, SliceConcatEqual) {
  auto s = make();
  auto a = s.slice(0, 2), b = s.slice(2, 100);
  EXPECT_EQ(a.size(), 2u);
  EXPECT_EQ(b.size(), 4u);
  a += b;
  EXPECT_EQ(a, s);
  TokSequence only_ids;
  only_ids.ids = s.ids;
  EXPECT_EQ(only_ids, s);
  EXPECT_FALSE(TokSequence{} == s);
}

TEST(TokSequence, SplitPerBars) {
  auto parts = make().split_per_bars();
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[0].tokens, (std::vector<std::string>{"Position_0", "Position_1"}));
  EXPECT_EQ(parts[2].size(), 2u);
}

}  // namespace
}  // namespace miditok
