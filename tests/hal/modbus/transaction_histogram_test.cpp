#include "modbus/transaction_histogram.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <random>
#include <vector>

namespace {

using std::chrono::microseconds;
using std::chrono::milliseconds;

TEST(TransactionHistogram, EmptyHistogramReportsZero) {
  const hal::TransactionHistogram h;
  EXPECT_EQ(h.count(), 0U);
  EXPECT_EQ(h.percentile(0.5), microseconds{0});
  EXPECT_EQ(h.max(), microseconds{0});
}

TEST(TransactionHistogram, SmallDurationsArePercentilesExactly) {
  hal::TransactionHistogram h;
  for (int us = 1; us <= 50; ++us) h.record(microseconds{us});
  EXPECT_EQ(h.count(), 50U);
  EXPECT_EQ(h.percentile(0.5), microseconds{25});
  EXPECT_EQ(h.percentile(0.9), microseconds{45});
  EXPECT_EQ(h.percentile(1.0), microseconds{50});
  EXPECT_EQ(h.max(), microseconds{50});
}

TEST(TransactionHistogram, NinetiethOfAHundredIsTheNinetiethValue) {
  hal::TransactionHistogram h;
  for (int us = 1; us <= 100; ++us) h.record(microseconds{us});
  // 0.9 × 100 is 90.00000000000001 in binary; the rank must still be 90, within the bucket
  // resolution (32 per octave above 64 µs: 90 falls in a bucket 2 µs wide).
  EXPECT_GE(h.percentile(0.9), microseconds{90});
  EXPECT_LE(h.percentile(0.9), microseconds{91});
  EXPECT_EQ(h.percentile(0.99), microseconds{99});
}

TEST(TransactionHistogram, LargeDurationsAreWithinOneThirtySecond) {
  hal::TransactionHistogram h;
  std::mt19937 random(7);
  std::uniform_int_distribution<int> spread(1'000, 40'000);  // 1..40 ms
  std::vector<int> values;
  for (int i = 0; i < 10'000; ++i) {
    values.push_back(spread(random));
    h.record(microseconds{values.back()});
  }
  std::sort(values.begin(), values.end());
  for (const double p : {0.5, 0.9, 0.99}) {
    const auto truth = values[static_cast<std::size_t>(p * values.size()) - 1];
    const auto got = h.percentile(p).count();
    EXPECT_GE(got, truth) << p;
    EXPECT_LE(got, truth + truth / 32 + 1) << p;
  }
  EXPECT_EQ(h.max(), microseconds{values.back()});
}

TEST(TransactionHistogram, PercentileNeverExceedsTheMaximum) {
  hal::TransactionHistogram h;
  h.record(microseconds{1000});  // inside a bucket whose upper edge is above 1000
  EXPECT_EQ(h.percentile(0.99), microseconds{1000});
}

TEST(TransactionHistogram, BucketsTileTheRangeWithoutGaps) {
  for (std::uint64_t us = 0; us < 1'000'000; us += 7) {
    const auto b = hal::TransactionHistogram::bucket_of(us);
    EXPECT_LE(us, hal::TransactionHistogram::upper_bound_of(b)) << us;
    if (b > 0) {
      EXPECT_GT(us, hal::TransactionHistogram::upper_bound_of(b - 1)) << us;
    }
  }
}

TEST(TransactionHistogram, HugeDurationsLandInTheLastBucket) {
  hal::TransactionHistogram h;
  h.record(std::chrono::hours{24 * 400});
  EXPECT_EQ(h.count(), 1U);
  EXPECT_EQ(hal::TransactionHistogram::bucket_of(std::uint64_t{1} << 50),
            hal::TransactionHistogram::kBucketCount - 1);
}

TEST(TransactionHistogram, MergeAddsCountsAndKeepsTheLargerMaximum) {
  hal::TransactionHistogram a;
  hal::TransactionHistogram b;
  for (int i = 0; i < 10; ++i) a.record(microseconds{10});
  for (int i = 0; i < 10; ++i) b.record(milliseconds{3});
  a.merge(b);
  EXPECT_EQ(a.count(), 20U);
  EXPECT_EQ(a.percentile(0.5), microseconds{10});
  EXPECT_EQ(a.max(), milliseconds{3});
}

}  // namespace
