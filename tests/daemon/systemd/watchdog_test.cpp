#include "daemon/systemd/watchdog.hpp"

#include <unistd.h>

#include <cstdlib>
#include <string>
#include <thread>

#include <gtest/gtest.h>

using namespace std::chrono_literals;

namespace {

// The test plays the timer: each tick() is one ping interval passing.
class WatchdogTest : public testing::Test {
 protected:
  int pings_ = 0;
  massaged::Watchdog watchdog_{2s, [this] { ++pings_; }};
};

TEST_F(WatchdogTest, PingsAtHalfTheTimeoutSystemdSet) { EXPECT_EQ(watchdog_.ping_interval(), 1s); }

TEST_F(WatchdogTest, PingsWhenTheLoopReportedProgress) {
  watchdog_.report_progress();
  watchdog_.tick();
  EXPECT_EQ(pings_, 1);
}

TEST_F(WatchdogTest, WithholdsThePingWhileTheLoopIsStuck) {
  watchdog_.tick();
  watchdog_.tick();
  watchdog_.tick();
  EXPECT_EQ(pings_, 0);
  EXPECT_EQ(watchdog_.stalled_ticks(), 3);
}

TEST_F(WatchdogTest, OneReportEarnsOnePingOnly) {
  watchdog_.report_progress();
  watchdog_.report_progress();
  watchdog_.tick();
  watchdog_.tick();
  EXPECT_EQ(pings_, 1);
  EXPECT_EQ(watchdog_.stalled_ticks(), 1);
}

TEST_F(WatchdogTest, PingsResumeWhenTheLoopRecovers) {
  watchdog_.report_progress();
  watchdog_.tick();
  watchdog_.tick();  // stuck for one interval
  watchdog_.report_progress();
  watchdog_.tick();
  EXPECT_EQ(pings_, 2);
  EXPECT_EQ(watchdog_.stalled_ticks(), 0);
}

TEST_F(WatchdogTest, ProgressReportedFromTheControlThreadCounts) {
  std::thread control([this] { watchdog_.report_progress(); });
  control.join();
  watchdog_.tick();
  EXPECT_EQ(pings_, 1);
}

// sd_watchdog_enabled reads WATCHDOG_USEC and WATCHDOG_PID; restore them after each test.
class WatchdogTimeoutTest : public testing::Test {
 protected:
  void TearDown() override {
    ::unsetenv("WATCHDOG_USEC");
    ::unsetenv("WATCHDOG_PID");
  }
};

TEST_F(WatchdogTimeoutTest, ComesFromWatchdogUsecForThisProcess) {
  ::setenv("WATCHDOG_USEC", "3000000", 1);
  ::setenv("WATCHDOG_PID", std::to_string(::getpid()).c_str(), 1);
  EXPECT_EQ(massaged::watchdog_timeout_from_systemd(), std::chrono::microseconds(3000000));
}

TEST_F(WatchdogTimeoutTest, IsAbsentWithoutWatchdogSec) {
  ::unsetenv("WATCHDOG_USEC");
  EXPECT_EQ(massaged::watchdog_timeout_from_systemd(), std::nullopt);
}

TEST_F(WatchdogTimeoutTest, IsAbsentWhenMeantForAnotherProcess) {
  ::setenv("WATCHDOG_USEC", "3000000", 1);
  ::setenv("WATCHDOG_PID", std::to_string(::getpid() + 1).c_str(), 1);
  EXPECT_EQ(massaged::watchdog_timeout_from_systemd(), std::nullopt);
}

}  // namespace
