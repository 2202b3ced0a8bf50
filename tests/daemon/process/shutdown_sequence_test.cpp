#include "daemon/process/shutdown_sequence.hpp"

#include <stdexcept>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

using testing::ElementsAre;

namespace {

TEST(ShutdownSequence, StepsRunInTheOrderTheyWereAdded) {
  massaged::ShutdownSequence sequence;
  std::vector<std::string> done;
  sequence.add_step("put the actuators into their safe state", [&] { done.push_back("safe"); });
  sequence.add_step("close the buses", [&] { done.push_back("buses"); });
  std::vector<std::string> announced;
  EXPECT_TRUE(sequence.run([&](const std::string& name) { announced.push_back(name); }));
  EXPECT_THAT(done, ElementsAre("safe", "buses"));
  EXPECT_THAT(announced, ElementsAre("put the actuators into their safe state", "close the buses"));
}

TEST(ShutdownSequence, FailingStepDoesNotSkipTheRestAndMakesTheStopUnclean) {
  massaged::ShutdownSequence sequence;
  bool later_ran = false;
  sequence.add_step("stop bus main", [] { throw std::runtime_error("drive 3 did not answer"); });
  sequence.add_step("stop bus aux", [&] { later_ran = true; });
  EXPECT_FALSE(sequence.run());
  EXPECT_TRUE(later_ran);
}

TEST(ShutdownSequence, RunsOnceEvenWhenAskedTwice) {
  massaged::ShutdownSequence sequence;
  int runs = 0;
  sequence.add_step("count", [&] { ++runs; });
  EXPECT_TRUE(sequence.run());
  EXPECT_TRUE(sequence.run());
  EXPECT_EQ(runs, 1);
}

}  // namespace
