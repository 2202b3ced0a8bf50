#include "sim/server/real_time_runner.hpp"

#include <atomic>
#include <thread>

#include <gtest/gtest.h>

namespace sim {
namespace {

using namespace std::chrono_literals;

TEST(RealTimeRunner, StepsAddUpToTheWallTimeThatPassed) {
  std::atomic<long long> simulated_ns{0};
  std::atomic<int> steps{0};
  const auto start = std::chrono::steady_clock::now();
  {
    RealTimeRunner runner([&](std::chrono::nanoseconds elapsed) {
      simulated_ns += elapsed.count();
      ++steps;
    });
    std::this_thread::sleep_for(60ms);
  }
  const auto wall = std::chrono::steady_clock::now() - start;
  EXPECT_GT(steps.load(), 5);
  EXPECT_LE(std::chrono::nanoseconds{simulated_ns.load()}, wall);
  // The last step may have come up to a period or so before the runner stopped; allow for a
  // loaded machine.
  EXPECT_GE(std::chrono::nanoseconds{simulated_ns.load()}, 40ms);
}

TEST(RealTimeRunner, NoStepAfterDestruction) {
  std::atomic<int> steps{0};
  {
    RealTimeRunner runner([&](std::chrono::nanoseconds) { ++steps; });
    std::this_thread::sleep_for(5ms);
  }
  const int at_stop = steps.load();
  std::this_thread::sleep_for(10ms);
  EXPECT_EQ(steps.load(), at_stop);
}

}  // namespace
}  // namespace sim
