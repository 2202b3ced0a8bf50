#include "daemon/process/periodic_timer.hpp"

#include <gtest/gtest.h>

namespace {

TEST(PeriodicTimer, TicksAgainAndAgainUntilStopped) {
  boost::asio::io_context io;
  int ticks = 0;
  std::optional<massaged::PeriodicTimer> timer;
  timer.emplace(io, std::chrono::milliseconds(1), [&] {
    if (++ticks == 5) timer->stop();
  });
  timer->start();
  // run() returns only once nothing is pending: the timer no longer re-arms after stop().
  io.run();
  EXPECT_EQ(ticks, 5);
}

TEST(PeriodicTimer, StopBeforeTheFirstTickMeansNoTick) {
  boost::asio::io_context io;
  int ticks = 0;
  massaged::PeriodicTimer timer(io, std::chrono::hours(1), [&] { ++ticks; });
  timer.start();
  timer.stop();
  io.run();
  EXPECT_EQ(ticks, 0);
}

}  // namespace
