#include "sim/server/link_faults.hpp"

#include <stdexcept>

#include <gtest/gtest.h>

namespace sim {
namespace {

using std::chrono::milliseconds;

int answers_sent(LinkFaultInjector& faults, std::uint8_t unit, int tries) {
  int sent = 0;
  for (int i = 0; i < tries; ++i) sent += faults.next_answer(unit).send ? 1 : 0;
  return sent;
}

TEST(LinkFaultInjector, HealthyLinkSendsEveryAnswerIntactAndAtOnce) {
  LinkFaultInjector faults(1);
  for (int i = 0; i < 100; ++i) {
    const auto fate = faults.next_answer(1);
    EXPECT_TRUE(fate.send);
    EXPECT_FALSE(fate.corrupt);
    EXPECT_EQ(fate.delay, milliseconds{0});
  }
}

TEST(LinkFaultInjector, DropShareIsRoughlyTheProbabilityGiven) {
  LinkFaultInjector faults(7);
  faults.change({.drop = 0.25});
  const int sent = answers_sent(faults, 1, 4000);
  EXPECT_GT(sent, 2800);
  EXPECT_LT(sent, 3200);
}

TEST(LinkFaultInjector, SameSeedDropsTheSameAnswers) {
  LinkFaultInjector first(42);
  LinkFaultInjector second(42);
  first.change({.drop = 0.3, .corrupt = 0.3});
  second.change({.drop = 0.3, .corrupt = 0.3});
  for (int i = 0; i < 500; ++i) {
    const auto a = first.next_answer(1);
    const auto b = second.next_answer(1);
    ASSERT_EQ(a.send, b.send) << "answer " << i;
    ASSERT_EQ(a.corrupt, b.corrupt) << "answer " << i;
  }
}

TEST(LinkFaultInjector, SilentLinkSendsNothingAndKeepsRequestsFromTheDrive) {
  LinkFaultInjector faults(1);
  faults.change({.silent = true});
  EXPECT_EQ(answers_sent(faults, 3, 50), 0);
  EXPECT_FALSE(faults.next_answer(3).reaches_drive);
}

TEST(LinkFaultInjector, DroppedAnswerStillHadItsRequestReachTheDrive) {
  LinkFaultInjector faults(1);
  faults.change({.drop = 1.0});
  const auto fate = faults.next_answer(1);
  EXPECT_FALSE(fate.send);
  EXPECT_TRUE(fate.reaches_drive);
}

TEST(LinkFaultInjector, UnitFaultsApplyToThatUnitOnly) {
  LinkFaultInjector faults(1);
  faults.change({.drop = 1.0}, 3);
  EXPECT_EQ(answers_sent(faults, 3, 20), 0);
  EXPECT_EQ(answers_sent(faults, 2, 20), 20);
}

TEST(LinkFaultInjector, UnitFaultsStartFromTheBusFaultsAndChangeOnlyTheFieldsGiven) {
  LinkFaultInjector faults(1);
  faults.change({.delay = milliseconds{30}});
  faults.change({.corrupt = 0.5}, 4);
  const auto unit4 = faults.faults_for(4);
  EXPECT_EQ(unit4.delay, milliseconds{30});
  EXPECT_DOUBLE_EQ(unit4.corrupt, 0.5);
  EXPECT_DOUBLE_EQ(faults.faults_for(1).corrupt, 0.0);
}

TEST(LinkFaultInjector, ClearHealsBusAndUnits) {
  LinkFaultInjector faults(1);
  faults.change({.silent = true});
  faults.change({.drop = 1.0}, 2);
  faults.clear();
  EXPECT_EQ(faults.faults_for(1), LinkFaults{});
  EXPECT_EQ(faults.faults_for(2), LinkFaults{});
}

TEST(LinkFaultInjector, ProbabilityOutsideZeroToOneIsRefusedAndChangesNothing) {
  LinkFaultInjector faults(1);
  faults.change({.drop = 0.1});
  EXPECT_THROW(faults.change({.drop = 1.5, .corrupt = 0.2}), std::invalid_argument);
  EXPECT_THROW(faults.change({.corrupt = -0.1}), std::invalid_argument);
  EXPECT_DOUBLE_EQ(faults.faults_for(1).drop, 0.1);
  EXPECT_DOUBLE_EQ(faults.faults_for(1).corrupt, 0.0);
}

TEST(LinkFaultInjector, NegativeOrHugeDelayIsRefused) {
  LinkFaultInjector faults(1);
  EXPECT_THROW(faults.change({.delay = milliseconds{-1}}), std::invalid_argument);
  EXPECT_THROW(faults.change({.delay = milliseconds{60'001}}), std::invalid_argument);
}

}  // namespace
}  // namespace sim
