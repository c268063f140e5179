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

TEST(EventValue, InlineAndLongValuesReadBack) {
  const EventValue empty;
  EXPECT_TRUE(empty.empty());
  const std::string inline_max(EventValue::kInline, 'a');
  const std::string long_value = "a chord name longer than fourteen bytes";
  const EventValue a(inline_max), b(long_value), c = "60";
  EXPECT_EQ(a.view(), inline_max);
  EXPECT_EQ(b.view(), long_value);
  EXPECT_EQ(c.view(), "60");
  // Copies are bytewise (trivially copyable); the long value stays readable and equal.
  Event e{"Chord", b, 5, 0, 0};
  const Event copy = e;
  EXPECT_EQ(copy.value, long_value);
  EXPECT_EQ(copy.str(), "Chord_" + long_value);
  EXPECT_EQ(copy, e);
  EXPECT_EQ(EventValue(long_value).view().data(), b.view().data());  // interned once
  EXPECT_FALSE(EventValue("61") == c);
}

}  // namespace
}  // namespace miditok
