// Start-up against the simulated chair over Modbus TCP (and once over the in-memory link, to show
// it the same): the latch set at boot, homing and parking only after a reset, and commands
// refused with a reason while the chair is not ready.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <vector>

#include "tests/daemon/control/chair_rig.hpp"
#include "tests/daemon/support/hold_at_spot.hpp"

using control::ChairState;
using control_test::ChairRig;
using control_test::RigOptions;
using hal::AxisKind;
using namespace std::chrono_literals;
using testing::HasSubstr;

namespace {

std::unique_ptr<control::SetpointSource> a_hold() {
  return std::make_unique<control::HoldAtSpot>(control::HoldSpec{});
}

TEST(ChairStartup, StartsLatchedAndMovesNothingUntilReset) {
  ChairRig rig;
  const auto before = rig.truth(AxisKind::travel).position;
  rig.run_for(3s);
  const auto status = rig.controller().status();
  EXPECT_EQ(status.state, ChairState::starting);
  EXPECT_TRUE(status.latched);
  EXPECT_THAT(status.cause, HasSubstr("reset the chair to home it"));
  for (const auto axis : hal::kAllAxisKinds) {
    EXPECT_FALSE(rig.truth(axis).enabled) << hal::to_string(axis);
  }
  EXPECT_EQ(rig.truth(AxisKind::travel).position, before);
}

TEST(ChairStartup, ResetHomesDepthFirstThenTravelAndWidthThenParks) {
  RigOptions options;
  options.power_up.travel = units::Millimetres(450.0);
  options.power_up.width = units::Millimetres(150.0);
  options.power_up.depth = units::Millimetres(8.0);
  ChairRig rig(options);
  std::vector<std::string> seen;
  rig.controller().on_status_change(
      [&seen](const control::ChairStatus& s) { seen.push_back(s.describe()); });
  ASSERT_TRUE(rig.bring_to_ready());

  EXPECT_THAT(seen, testing::IsSupersetOf({"homing depth", "homing travel and width",
                                           "parking the rollers", "ready"}));
  const auto depth_at = std::find(seen.begin(), seen.end(), "homing depth");
  const auto travel_at = std::find(seen.begin(), seen.end(), "homing travel and width");
  EXPECT_LT(depth_at, travel_at);
  for (const auto axis : {AxisKind::travel, AxisKind::width, AxisKind::depth}) {
    EXPECT_TRUE(rig.truth(axis).homed) << hal::to_string(axis);
  }
  // Parked: at the top of the travel range (5 mm margin), a middle width, rollers retracted.
  EXPECT_NEAR(rig.truth(AxisKind::travel).position.value(), 5.0, 1.0);
  EXPECT_NEAR(rig.truth(AxisKind::width).position.value(), 120.0, 1.0);
  EXPECT_NEAR(rig.truth(AxisKind::depth).position.value(), 0.0, 1.0);
  EXPECT_FALSE(rig.controller().status().latched);
}

TEST(ChairStartup, SessionRefusedWhileHomingSaysWhyAndWhatToDo) {
  RigOptions options;
  options.power_up.travel = units::Millimetres(450.0);
  ChairRig rig(options);
  ASSERT_TRUE(rig.run_until(
      [&rig] { return rig.controller().status().cause.starts_with("the drives are ready"); }, 5s));
  ASSERT_TRUE(rig.answer(rig.controller().reset()).accepted);
  ASSERT_EQ(rig.state(), ChairState::homing);
  const auto reply = rig.answer(rig.controller().start_session(a_hold()));
  EXPECT_FALSE(reply.accepted);
  EXPECT_EQ(reply.message, "cannot start a session: the chair is homing; wait until it is ready");
}

TEST(ChairStartup, SessionRefusedBeforeTheStartUpResetSaysToReset) {
  ChairRig rig;
  rig.run_for(1s);
  const auto reply = rig.answer(rig.controller().start_session(a_hold()));
  EXPECT_FALSE(reply.accepted);
  EXPECT_THAT(reply.message, HasSubstr("cannot start a session: the chair is starting"));
  EXPECT_THAT(reply.message, HasSubstr("reset it"));
}

TEST(ChairStartup, ResetRefusedWhileTheDrivesCannotBeReached) {
  ChairRig rig;
  rig.unplug();
  rig.run_for(2s);
  EXPECT_THAT(rig.controller().status().cause, HasSubstr("connecting to the drives"));
  const auto reply = rig.answer(rig.controller().reset());
  EXPECT_FALSE(reply.accepted);
  EXPECT_THAT(reply.message, HasSubstr("still connecting to its drives"));
  EXPECT_THAT(reply.message, HasSubstr("check their power and wiring"));
  EXPECT_TRUE(rig.controller().status().latched);
}

TEST(ChairStartup, DrivesFoundLaterAreStartedWithoutARestart) {
  ChairRig rig;
  rig.unplug();
  rig.run_for(1500ms);
  rig.plug_in();
  EXPECT_TRUE(rig.bring_to_ready());
}

}  // namespace

// The in-memory link carries the same Modbus PDUs as TCP, without the socket: the same start-up,
// homing and parking, transaction for transaction, to the same places at the same moment.
TEST(ChairStartup, OverTheInMemoryLinkTheChairStartsExactlyAsOverTcp) {
  struct Start {
    hal::TransactionStatistics statistics;
    std::chrono::nanoseconds took{0};
    std::vector<double> positions;
  };
  const auto start_over = [](control_test::RigLink link) {
    RigOptions options;
    options.link = link;
    ChairRig rig(options);
    const auto before = rig.clock().now();
    Start start;
    EXPECT_TRUE(rig.bring_to_ready());
    start.took = rig.clock().now() - before;
    start.statistics = rig.drives().statistics();
    for (const auto axis : hal::kAllAxisKinds) {
      start.positions.push_back(rig.truth(axis).position.value());
    }
    return start;
  };
  const auto tcp = start_over(control_test::RigLink::tcp);
  const auto in_memory = start_over(control_test::RigLink::in_memory);
  EXPECT_EQ(in_memory.took, tcp.took);
  EXPECT_EQ(in_memory.statistics.transactions, tcp.statistics.transactions);
  EXPECT_EQ(in_memory.statistics.exceptions, tcp.statistics.exceptions);
  EXPECT_EQ(in_memory.statistics.timeouts, 0U);
  EXPECT_EQ(in_memory.statistics.bad_frames, 0U);
  EXPECT_EQ(in_memory.positions, tcp.positions);
  EXPECT_GT(in_memory.statistics.transactions, 100U);
}
