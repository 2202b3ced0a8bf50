// The session's clock: 15 minutes by default, 5-minute extensions up to 30, paused time left out.

#include "daemon/safety/session_timer.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

using namespace std::chrono_literals;
using testing::HasSubstr;

namespace {

const hal::Clock::time_point kStart{std::chrono::hours(2)};

TEST(SessionTimer, ASessionEndsAfterItsConfiguredLength) {
  safety::SessionTimer timer(15min, 30min);
  timer.start(kStart);
  EXPECT_FALSE(timer.over(kStart + 14min + 59s));
  EXPECT_EQ(timer.remaining(kStart + 14min), std::chrono::nanoseconds(1min));
  EXPECT_TRUE(timer.over(kStart + 15min));
}

TEST(SessionTimer, PausedTimeDoesNotCount) {
  safety::SessionTimer timer(15min, 30min);
  timer.start(kStart);
  timer.pause(kStart + 5min);
  timer.resume(kStart + 25min);  // twenty minutes paused
  EXPECT_EQ(timer.elapsed(kStart + 25min), std::chrono::nanoseconds(5min));
  EXPECT_FALSE(timer.over(kStart + 34min));
  EXPECT_TRUE(timer.over(kStart + 35min));
}

TEST(SessionTimer, AnExtensionAddsFiveMinutesUpToThirty) {
  safety::SessionTimer timer(15min, 30min);
  timer.start(kStart);
  EXPECT_EQ(timer.extend().value(), 20min);
  EXPECT_EQ(timer.extend().value(), 25min);
  EXPECT_EQ(timer.extend().value(), 30min);
  const auto refused = timer.extend();
  ASSERT_FALSE(refused.has_value());
  EXPECT_THAT(refused.error(), HasSubstr("would pass the maximum of 30 min"));
  EXPECT_EQ(timer.length(), 30min);
  EXPECT_FALSE(timer.over(kStart + 29min));
  EXPECT_TRUE(timer.over(kStart + 30min));
}

TEST(SessionTimer, NoMaximumBeyondThirtyMinutesIsTaken) {
  safety::SessionTimer timer(25min, 60min);
  timer.start(kStart);
  EXPECT_EQ(timer.extend().value(), 30min);
  EXPECT_FALSE(timer.extend().has_value());
}

TEST(SessionTimer, ANewSessionStartsFromTheConfiguredLength) {
  safety::SessionTimer timer(15min, 30min);
  timer.start(kStart);
  (void)timer.extend();
  timer.stop();
  EXPECT_FALSE(timer.over(kStart + 1h));
  EXPECT_FALSE(timer.extend().has_value());  // nothing runs
  timer.start(kStart + 1h);
  EXPECT_EQ(timer.length(), 15min);
  EXPECT_EQ(timer.elapsed(kStart + 1h), std::chrono::nanoseconds(0));
}

TEST(SessionTimer, ALengthBeyondTheMaximumIsRefused) {
  EXPECT_THROW(safety::SessionTimer(35min, 30min), std::invalid_argument);
}

}  // namespace
