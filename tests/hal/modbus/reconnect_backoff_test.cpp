#include "modbus/reconnect_backoff.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

#include "manual_clock.hpp"

namespace {

using std::chrono::milliseconds;

TEST(ReconnectBackoff, FirstAttemptAfterALossIsImmediate) {
  test_support::ManualClock clock;
  const hal::ReconnectBackoff backoff(milliseconds{100}, milliseconds{5000});
  EXPECT_TRUE(backoff.may_attempt(clock.now()));
}

TEST(ReconnectBackoff, WaitDoublesFromMinimumToMaximum) {
  test_support::ManualClock clock;
  hal::ReconnectBackoff backoff(milliseconds{100}, milliseconds{5000});
  std::vector<milliseconds> waits;
  for (int attempt = 0; attempt < 9; ++attempt) {
    ASSERT_TRUE(backoff.may_attempt(clock.now()));
    backoff.failed(clock.now());
    waits.push_back(backoff.current_delay());
    clock.advance(backoff.current_delay() - milliseconds{1});
    EXPECT_FALSE(backoff.may_attempt(clock.now())) << "too early after " << waits.back().count();
    clock.advance(milliseconds{1});
  }
  const std::vector<milliseconds> expected = {
      milliseconds{100},  milliseconds{200},  milliseconds{400},
      milliseconds{800},  milliseconds{1600}, milliseconds{3200},
      milliseconds{5000}, milliseconds{5000}, milliseconds{5000}};
  EXPECT_EQ(waits, expected);
}

TEST(ReconnectBackoff, SuccessStartsTheScheduleOver) {
  test_support::ManualClock clock;
  hal::ReconnectBackoff backoff(milliseconds{100}, milliseconds{5000});
  backoff.failed(clock.now());
  backoff.failed(clock.now());
  EXPECT_EQ(backoff.current_delay(), milliseconds{200});
  backoff.succeeded();
  EXPECT_TRUE(backoff.may_attempt(clock.now()));
  backoff.failed(clock.now());
  EXPECT_EQ(backoff.current_delay(), milliseconds{100});
}

TEST(ReconnectBackoff, RefusesAScheduleThatCannotWork) {
  EXPECT_THROW(hal::ReconnectBackoff(milliseconds{0}, milliseconds{100}), std::invalid_argument);
  EXPECT_THROW(hal::ReconnectBackoff(milliseconds{500}, milliseconds{100}), std::invalid_argument);
}

}  // namespace
