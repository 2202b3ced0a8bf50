#include "modbus/transaction_statistics.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace {

using hal::DriveErrorKind;
using std::chrono::microseconds;

TEST(TransactionStatistics, EachOutcomeHasItsCounter) {
  hal::TransactionStatistics s;
  s.record(microseconds{300}, std::nullopt);
  s.record(microseconds{20'000}, DriveErrorKind::timeout);
  s.record(microseconds{400}, DriveErrorKind::bad_frame);
  s.record(microseconds{350}, DriveErrorKind::modbus_exception);
  s.record(microseconds{5}, DriveErrorKind::disconnected);
  EXPECT_EQ(s.transactions, 5U);
  EXPECT_EQ(s.timeouts, 1U);
  EXPECT_EQ(s.bad_frames, 1U);
  EXPECT_EQ(s.exceptions, 1U);
  EXPECT_EQ(s.disconnections, 1U);
}

TEST(TransactionStatistics, OnlyAnsweredTransactionsCountTowardsTimes) {
  hal::TransactionStatistics s;
  s.record(microseconds{300}, std::nullopt);
  s.record(microseconds{20'000}, DriveErrorKind::timeout);        // a timeout is not a round trip
  s.record(microseconds{500}, DriveErrorKind::modbus_exception);  // an exception is
  EXPECT_EQ(s.times.count(), 2U);
  EXPECT_EQ(s.times.max(), microseconds{500});
}

TEST(TransactionStatistics, StaleReplyBecomesABadFrame) {
  hal::TransactionStatistics s;
  s.record(microseconds{300}, std::nullopt);
  s.reclassify_as_bad_frame();
  EXPECT_EQ(s.transactions, 1U);
  EXPECT_EQ(s.bad_frames, 1U);
}

TEST(TransactionStatistics, MergeSumsEveryCounter) {
  hal::TransactionStatistics a;
  hal::TransactionStatistics b;
  a.record(microseconds{100}, std::nullopt);
  b.record(microseconds{100}, DriveErrorKind::timeout);
  b.reconnects = 2;
  a.merge(b);
  EXPECT_EQ(a.transactions, 2U);
  EXPECT_EQ(a.timeouts, 1U);
  EXPECT_EQ(a.reconnects, 2U);
  EXPECT_EQ(a.times.count(), 1U);
}

TEST(StatisticsRecorder, SnapshotIsACopy) {
  hal::StatisticsRecorder r;
  r.record(microseconds{100}, std::nullopt);
  const auto before = r.snapshot();
  r.record(microseconds{100}, std::nullopt);
  r.count_reconnect();
  EXPECT_EQ(before.transactions, 1U);
  EXPECT_EQ(r.snapshot().transactions, 2U);
  EXPECT_EQ(r.snapshot().reconnects, 1U);
}

}  // namespace
