#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "miditok/core/error.h"
#include "miditok/data/packed_ids.h"

namespace {

std::vector<std::int64_t> all_values(const miditok::BitPackedVector& v) {
  std::vector<std::int64_t> out(v.size());
  v.copy_to(0, v.size(), out.data());
  return out;
}

}  // namespace

TEST(BitPackedVector, UsesTheFewestBitsAndWidensOnDemand) {
  miditok::BitPackedVector v;
  const std::vector<std::int32_t> small{0, 1, 3, 2};
  v.append(small.data(), small.size());
  EXPECT_EQ(v.bits(), 2);
  EXPECT_EQ(v.words().size(), 2u);  // 8 bits of values, then the spare word
  const std::vector<std::int32_t> big{499, 7};
  v.append(big.data(), big.size());  // repacks the first four on 9 bits
  EXPECT_EQ(v.bits(), 9);
  EXPECT_EQ(all_values(v), (std::vector<std::int64_t>{0, 1, 3, 2, 499, 7}));
  v.push_back(-5);  // a negative value moves the base
  EXPECT_EQ(v.base(), -5);
  EXPECT_EQ(v[6], -5);
  EXPECT_EQ(v[4], 499);
  EXPECT_EQ(all_values(v), (std::vector<std::int64_t>{0, 1, 3, 2, 499, 7, -5}));
}

TEST(BitPackedVector, RoundTripsValuesStraddlingWords) {
  std::mt19937_64 rng(3);
  for (int bits : {1, 7, 9, 13, 31, 33, 63}) {
    // The largest value on `bits` bits, computed unsigned (1 << 63 overflows int64).
    const auto top = static_cast<std::int64_t>((std::uint64_t{1} << bits) - 1);
    std::uniform_int_distribution<std::int64_t> dist(0, top);
    std::vector<std::int64_t> values(1000);
    for (auto& x : values) x = dist(rng);
    values[0] = top;  // the full width is used
    miditok::BitPackedVector v;
    for (std::size_t i = 0; i < values.size(); i += 17) {
      v.append(values.data() + i, std::min<std::size_t>(17, values.size() - i));
    }
    EXPECT_EQ(v.bits(), bits);
    EXPECT_EQ(all_values(v), values) << bits << " bits";
    for (std::size_t i = 0; i < values.size(); i += 101) EXPECT_EQ(v[i], values[i]);
  }
}

TEST(BitPackedVector, HoldsTheWholeInt64Range) {
  miditok::BitPackedVector v;
  const std::vector<std::int64_t> values{std::numeric_limits<std::int64_t>::min(), 0,
                                         std::numeric_limits<std::int64_t>::max(), -1};
  v.append(values.data(), values.size());
  EXPECT_EQ(v.bits(), 64);
  EXPECT_EQ(all_values(v), values);
}

TEST(BitPackedVector, ConstantValuesTakeNoWords) {
  miditok::BitPackedVector v;
  const std::vector<std::int32_t> zeros(100, 0);
  v.append(zeros.data(), zeros.size());
  EXPECT_EQ(v.bits(), 0);
  EXPECT_TRUE(v.words().empty());
  EXPECT_EQ(v[99], 0);
}

TEST(BitPackedVector, FromPartsValidatesAndKeepsAppending) {
  miditok::BitPackedVector v;
  const std::vector<std::int32_t> values{5, 9, 300, 2};
  v.append(values.data(), values.size());
  auto words = v.words();
  words[0] |= std::uint64_t{1} << 63;  // stray bits past the last value: cleared
  words.back() = 1;
  auto rebuilt = miditok::BitPackedVector::from_parts(words, v.bits(), v.base(), v.size());
  rebuilt.push_back(511);
  EXPECT_EQ(all_values(rebuilt), (std::vector<std::int64_t>{5, 9, 300, 2, 511}));
  EXPECT_THROW(miditok::BitPackedVector::from_parts(v.words(), 65, 0, 4), miditok::TokenError);
  EXPECT_THROW(miditok::BitPackedVector::from_parts(v.words(), v.bits(), 0, 100),
               miditok::TokenError);
}

TEST(PackedSamples, StoresSamplesWithTheirOffsets) {
  miditok::PackedSamples samples;
  const std::vector<std::int32_t> a{1, 2, 3}, c{400, 8};
  samples.append(a.data(), a.size());
  samples.append(a.data(), 0);
  samples.append(c.data(), c.size());
  ASSERT_EQ(samples.size(), 3u);
  EXPECT_EQ(samples.rows(1), 0u);
  std::vector<std::int64_t> out(2);
  samples.copy_sample(2, out.data());
  EXPECT_EQ(out, (std::vector<std::int64_t>{400, 8}));
  EXPECT_EQ(samples.ids().bits(), 9);
  EXPECT_EQ(samples.num_ids(), 5u);

  // A flat buffer whose offsets do not start at 0 (a slice of a larger one)
  const std::vector<std::int32_t> flat{9, 9, 10, 11, 12};
  const std::vector<std::uint64_t> offsets{2, 3, 5};
  samples.append_flat<std::int32_t>(flat, offsets);
  ASSERT_EQ(samples.size(), 5u);
  out.assign(2, 0);
  samples.copy_sample(4, out.data());
  EXPECT_EQ(out, (std::vector<std::int64_t>{11, 12}));
  const std::vector<std::uint64_t> bad{0, 9};
  EXPECT_THROW(samples.append_flat<std::int32_t>(flat, bad), miditok::TokenError);
}

TEST(PackedSamples, MultiVocabRowsAndRebuild) {
  miditok::PackedSamples samples(3);
  const std::vector<std::int64_t> rows{1, 2, 3, 4, 5, 6};
  samples.append(rows.data(), 2);
  std::vector<std::int64_t> out(6);
  samples.copy_sample(0, out.data());
  EXPECT_EQ(out, rows);
  auto rebuilt = miditok::PackedSamples::from_parts(samples.ids(), samples.offsets(), 3);
  EXPECT_EQ(rebuilt.rows(0), 2u);
  EXPECT_THROW(miditok::PackedSamples::from_parts(samples.ids(), samples.offsets(), 2),
               miditok::TokenError);
  EXPECT_THROW(miditok::PackedSamples(0), miditok::TokenError);
}
