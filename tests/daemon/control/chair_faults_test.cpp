// Faults injected into the simulated chair while the rollers press: each reaches the safe state
// (quick stop: the rollers retract, kneading and tapping stop, the drives disable) within one
// cycle of being found, and latches a fault that names its cause and axis.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/daemon/control/chair_rig.hpp"
#include "tests/daemon/support/hold_at_spot.hpp"

using anatomy::VertebralLevel;
using control::ChairState;
using control_test::ChairRig;
using control_test::RigOptions;
using hal::AxisKind;
using namespace std::chrono_literals;
using testing::HasSubstr;

namespace {

class ChairFaults : public testing::Test {
 protected:
  // Ready, then pressing 20 N at T8 with kneading at 30 rpm.
  void press(RigOptions options = {}) {
    rig_ = std::make_unique<ChairRig>(options);
    ASSERT_TRUE(rig_->bring_to_ready());
    control::HoldSpec spec;
    spec.travel = rig_->body_map().travel_of(VertebralLevel::T8);
    spec.force = units::Newtons(20.0);
    spec.knead = units::Rpm(30.0);
    spec.context.body = rig_->body_map();
    const auto reply =
        rig_->answer(rig_->controller().start_session(std::make_unique<control::HoldAtSpot>(spec)));
    ASSERT_TRUE(reply.accepted) << reply.message;
    ASSERT_TRUE(rig_->run_until([this] { return contact() >= 15.0; }, 30s));
    ASSERT_TRUE(
        rig_->run_until([this] { return rig_->truth(AxisKind::knead).speed.value() > 29.0; }, 5s));
  }

  double contact() { return rig_->chair().force().contact.value(); }

  // Cycles until the chair latches a fault; -1 if it does not within `limit`.
  int cycles_until_fault(int limit) {
    for (int n = 1; n <= limit; ++n) {
      rig_->cycle();
      if (rig_->state() == ChairState::fault) return n;
    }
    return -1;
  }

  // The cycle after the fault was found, every drive has heard the quick stop; soon after,
  // nothing moves, nothing presses and nothing is enabled.
  void expect_safe_state_one_cycle_later() {
    rig_->cycle();
    for (const auto axis : hal::kAllAxisKinds) {
      EXPECT_NE(rig_->truth(axis).quick_stop, sim::QuickStopState::inactive)
          << hal::to_string(axis);
    }
    expect_at_rest_after(2s);
  }

  void expect_at_rest_after(std::chrono::nanoseconds time) {
    rig_->run_for(time);
    EXPECT_LT(contact(), 0.5);
    EXPECT_NEAR(rig_->truth(AxisKind::depth).position.value(), 0.0, 0.5);
    EXPECT_NEAR(rig_->truth(AxisKind::knead).speed.value(), 0.0, 0.1);
    for (const auto axis : hal::kAllAxisKinds) {
      EXPECT_FALSE(rig_->truth(axis).enabled) << hal::to_string(axis);
    }
  }

  std::string fault_summary() {
    const auto status = rig_->controller().status();
    return status.fault ? status.fault->summary() : "no fault: " + status.describe();
  }

  std::unique_ptr<ChairRig> rig_;
};

TEST_F(ChairFaults, ADriveAlarmStopsTheChair) {
  press();
  rig_->chair().raise_alarm(AxisKind::width, hal::AlarmKind::under_voltage);
  EXPECT_EQ(cycles_until_fault(2), 1);
  EXPECT_EQ(fault_summary(), "drive alarm on width (unit 2)");
  EXPECT_THAT(rig_->controller().status().describe(), HasSubstr("fault: drive alarm on width"));
  expect_safe_state_one_cycle_later();
}

TEST_F(ChairFaults, AStallStopsTheChair) {
  press();
  rig_->chair().set_stalled(AxisKind::travel, true);
  EXPECT_GT(cycles_until_fault(40), 0);
  EXPECT_EQ(fault_summary(), "stall on travel (unit 1)");
  expect_safe_state_one_cycle_later();
}

TEST_F(ChairFaults, AHotMotorStopsTheChair) {
  press();
  rig_->chair().set_motor_temperature(AxisKind::depth, units::Celsius(75.0));
  EXPECT_EQ(cycles_until_fault(2), 1);
  EXPECT_EQ(fault_summary(), "over-temperature on depth (unit 3)");
  EXPECT_THAT(rig_->controller().status().fault->detail, HasSubstr("above the 70.0 °C allowed"));
  expect_safe_state_one_cycle_later();
}

TEST_F(ChairFaults, AForceAboveTheCeilingStopsTheChair) {
  press();
  rig_->chair().place_reference_load(units::Newtons(60.0));  // someone leans into the rollers
  EXPECT_EQ(cycles_until_fault(2), 1);
  EXPECT_EQ(fault_summary(), "force above the ceiling on depth (unit 3)");
  rig_->chair().remove_reference_load();
  expect_safe_state_one_cycle_later();
}

TEST_F(ChairFaults, AFollowingErrorReportedByTheDriveStopsTheChair) {
  press();
  rig_->chair().raise_alarm(AxisKind::travel, hal::AlarmKind::following_error);
  EXPECT_EQ(cycles_until_fault(2), 1);
  EXPECT_EQ(fault_summary(), "following error on travel (unit 1)");
  expect_safe_state_one_cycle_later();
}

TEST_F(ChairFaults, AnEccentricThatDoesNotTurnWhenToldIsAFollowingError) {
  RigOptions options;
  // Neither the controller's stall watch nor the drive's catches this blocked eccentric.
  options.limits.stall_current = safety::ceiling::kStallCurrent;
  press(options);
  const auto& stall_current = rig_->chair().profile().configuration.stall_current;
  const std::uint16_t high[] = {10000};
  ASSERT_FALSE(
      rig_->chair().write(rig_->chair().unit_of(AxisKind::knead), stall_current.address, high));
  rig_->chair().set_stalled(AxisKind::knead, true);
  const int cycles = cycles_until_fault(100);
  EXPECT_GE(cycles, 50);  // the stuck time, 500 ms at 100 Hz
  EXPECT_LE(cycles, 52);
  EXPECT_EQ(fault_summary(), "following error on knead (unit 4)");
  EXPECT_THAT(rig_->controller().status().fault->detail, HasSubstr("does not turn"));
  rig_->chair().set_stalled(AxisKind::knead, false);
  expect_safe_state_one_cycle_later();
}

TEST_F(ChairFaults, ADriveThatRestartsStopsTheChair) {
  press();
  rig_->chair().reboot(AxisKind::width);
  EXPECT_EQ(cycles_until_fault(2), 1);
  EXPECT_EQ(fault_summary(), "drive restarted on width (unit 2)");
  rig_->cycle();
  for (const auto axis : {AxisKind::travel, AxisKind::depth, AxisKind::knead, AxisKind::tap}) {
    EXPECT_NE(rig_->truth(axis).quick_stop, sim::QuickStopState::inactive) << hal::to_string(axis);
  }
  expect_at_rest_after(2s);
}

TEST_F(ChairFaults, ALinkDropIsCommunicationLossAndTheDrivesStopThemselves) {
  press();
  rig_->unplug();
  const int cycles = cycles_until_fault(10);
  EXPECT_GE(cycles, 5);  // control.comm_loss_cycles
  EXPECT_LE(cycles, 6);
  EXPECT_EQ(fault_summary(), "communication loss on travel (unit 1)");
  // Nothing reaches the drives now: their own watchdog stops them (300 ms without heartbeat).
  rig_->run_for(300ms);
  for (const auto axis : hal::kAllAxisKinds) {
    EXPECT_TRUE(rig_->truth(axis).comm_lost) << hal::to_string(axis);
  }
  expect_at_rest_after(2s);
}

TEST_F(ChairFaults, ASilentLinkIsCommunicationLossAndTheChairStops) {
  press();
  rig_->link().change({.silent = true});
  const int cycles = cycles_until_fault(10);
  EXPECT_GE(cycles, 5);
  EXPECT_LE(cycles, 6);
  EXPECT_EQ(fault_summary(), "communication loss on travel (unit 1)");
  // The drives stop, told by the quick stop or by their own watchdog.
  rig_->run_for(400ms);
  for (const auto axis : hal::kAllAxisKinds) {
    const auto truth = rig_->truth(axis);
    EXPECT_TRUE(truth.comm_lost || truth.quick_stop != sim::QuickStopState::inactive)
        << hal::to_string(axis);
  }
  expect_at_rest_after(1s);
}

}  // namespace
