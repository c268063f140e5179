#include <gtest/gtest.h>

#include "miditok/core/error.h"

TEST(Error, HierarchyDerivesFromBase) {
  EXPECT_THROW(throw miditok::MidiError("bad"), miditok::Error);
  EXPECT_THROW(throw miditok::IoError("bad"), miditok::Error);
  EXPECT_THROW(throw miditok::ConfigError("bad"), std::runtime_error);
}

TEST(Error, DescribeAtNamesSourceAndOffset) {
  EXPECT_EQ(miditok::describe_at("truncated event", "a.mid", 42),
            "truncated event (in a.mid at byte 42)");
  EXPECT_EQ(miditok::describe_at("x", "", 0), "x (in <bytes> at byte 0)");
}
