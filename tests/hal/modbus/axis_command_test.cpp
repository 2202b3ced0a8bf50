#include "modbus/axis_command.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

namespace {

using hal::AxisCommand;
using hal::AxisKind;
using hal::DriveMode;
using hal::Limit;

// Frames as the drive sees them when every one arrives.
std::vector<hal::CycleFrame> deliver(AxisCommand& command, int frames) {
  std::vector<hal::CycleFrame> sent;
  for (int i = 0; i < frames; ++i) {
    sent.push_back(command.next_frame());
    command.delivered(sent.back());
  }
  return sent;
}

// A homing run as the drive reports it (HomingHoldsAtZeroSpeedUntilTheDriveReportsItsNewReference
// checks each step): the edge goes out, the drive homes from `from` and reports its new reference
// at 0. Returns the frame that follows.
hal::CycleFrame home_from(AxisCommand& command, std::int64_t from) {
  command.home();
  (void)deliver(command, 1);
  command.observe_homing(true, false, from);
  command.observe_homing(false, true, 0);
  return command.next_frame();
}

int rising_edges_of_home(const std::vector<hal::CycleFrame>& frames, bool low_before) {
  int edges = 0;
  bool was = !low_before;
  for (const auto& f : frames) {
    if (f.control.home && !was) ++edges;
    was = f.control.home;
  }
  return edges;
}

TEST(AxisCommand, HomeGoesOutAsExactlyOneRisingEdge) {
  AxisCommand command(AxisKind::travel);
  command.enable(0);
  command.home();
  const auto frames = deliver(command, 6);
  // Whatever the drive held before, the request shows as one low-to-high transition.
  EXPECT_EQ(rising_edges_of_home(frames, false), 1);
  EXPECT_EQ(rising_edges_of_home(frames, true), 1);
  EXPECT_FALSE(frames.back().control.home);
  EXPECT_TRUE(frames.back().control.enable);
}

TEST(AxisCommand, HomeFrameThatMayBeLostIsRepeatedNotDoubled) {
  AxisCommand command(AxisKind::travel);
  command.enable(0);
  (void)deliver(command, 1);  // the drive has seen HOME low
  command.home();
  const auto lost = command.next_frame();  // never acknowledged
  ASSERT_TRUE(lost.control.home);
  const auto again = command.next_frame();
  EXPECT_TRUE(again.control.home) << "an unacknowledged edge is sent again, still high";
  command.delivered(again);
  EXPECT_FALSE(command.next_frame().control.home);
}

TEST(AxisCommand, SecondRequestWhileTheBitIsHighGoesLowFirst) {
  AxisCommand command(AxisKind::travel);
  command.enable(0);
  command.reset_fault();
  auto frame = command.next_frame();
  while (!frame.control.fault_reset) {
    command.delivered(frame);
    frame = command.next_frame();
  }
  command.reset_fault();  // a new request before the high frame is acknowledged
  command.delivered(frame);
  const auto low = command.next_frame();
  EXPECT_FALSE(low.control.fault_reset);
  command.delivered(low);
  EXPECT_TRUE(command.next_frame().control.fault_reset);
}

TEST(AxisCommand, HeartbeatChangesEveryFrameEvenUnacknowledged) {
  AxisCommand command(AxisKind::width);
  const auto a = command.next_frame();
  const auto b = command.next_frame();
  command.delivered(b);
  const auto c = command.next_frame();
  EXPECT_NE(a.heartbeat, b.heartbeat);
  EXPECT_NE(b.heartbeat, c.heartbeat);
}

TEST(AxisCommand, LimitsAreWrittenOnlyWhenTheyChange) {
  AxisCommand command(AxisKind::travel);
  command.learn_limits({0, 0, 0});
  command.enable(0);
  EXPECT_FALSE(command.pending_limits().any_changed());

  command.move_to(5000, 500, 300);
  auto limits = command.pending_limits();
  EXPECT_TRUE(limits.changed[0]);
  EXPECT_TRUE(limits.changed[1]);
  EXPECT_FALSE(limits.changed[2]);
  EXPECT_EQ(limits.values[0], 500);
  EXPECT_EQ(limits.values[1], 300);
  EXPECT_EQ(limits.values[2], 0) << "an unchanged limit keeps the drive's value";
  command.limits_delivered(limits);

  command.move_to(6000, 500, 300);  // new target, same limits
  EXPECT_FALSE(command.pending_limits().any_changed());
  command.move_to(6000, 800, 300);
  limits = command.pending_limits();
  EXPECT_TRUE(limits.changed[0]);
  EXPECT_FALSE(limits.changed[1]);
}

TEST(AxisCommand, LimitsOfAnUnknownDriveAreWrittenAgain) {
  AxisCommand command(AxisKind::depth);
  command.learn_limits({0, 0, 0});
  command.limit_force(400);
  command.limits_delivered(command.pending_limits());
  EXPECT_FALSE(command.pending_limits().any_changed());
  command.forget_drive();  // restarted: its registers are back to power-up values
  const auto limits = command.pending_limits();
  EXPECT_TRUE(limits.changed[static_cast<int>(Limit::force)]);
  EXPECT_FALSE(limits.all_known());
}

TEST(AxisCommand, RefusedLimitFallsBackToTheDrivesValue) {
  AxisCommand command(AxisKind::travel);
  command.learn_limits({100, 200, 0});
  command.enable(0);
  command.move_to(100, 99999, 200);
  command.limits_refused(command.pending_limits());
  EXPECT_FALSE(command.pending_limits().any_changed());
}

TEST(AxisCommand, QuickStopStaysLatchedUntilEnabled) {
  AxisCommand command(AxisKind::depth);
  command.enable(300);
  command.latch_quick_stop();
  EXPECT_TRUE(command.next_frame().control.quick_stop);
  command.move_to(400, 100, 100);  // (the channel refuses this; the latch ignores it anyway)
  EXPECT_TRUE(command.next_frame().control.quick_stop);
  command.enable(120);
  const auto frame = command.next_frame();
  EXPECT_FALSE(frame.control.quick_stop);
  EXPECT_TRUE(frame.control.enable);
  EXPECT_EQ(frame.setpoint, 120) << "re-enabled where the axis is, not at the old target";
}

TEST(AxisCommand, DropOutDisablesAndHoldsWhereTheDriveIs) {
  AxisCommand command(AxisKind::travel);
  command.enable(0);
  command.move_to(10000, 500, 300);
  command.drive_dropped_out(4200);
  const auto frame = command.next_frame();
  EXPECT_FALSE(frame.control.enable);
  EXPECT_EQ(frame.control.mode, DriveMode::position);
  EXPECT_EQ(frame.setpoint, 4200);
}

TEST(AxisCommand, RotaryAxisHoldsStillAtZeroSpeed) {
  AxisCommand command(AxisKind::knead);
  command.enable(1800);
  const auto frame = command.next_frame();
  EXPECT_EQ(frame.control.mode, DriveMode::velocity);
  EXPECT_EQ(frame.setpoint, 0);
}

TEST(AxisCommand, MotionClearsHaltAndRefusalHoldsStill) {
  AxisCommand command(AxisKind::width);
  command.enable(600);
  command.halt();
  EXPECT_TRUE(command.next_frame().control.halt);
  command.run_at(-50, 100);
  auto frame = command.next_frame();
  EXPECT_FALSE(frame.control.halt);
  EXPECT_EQ(frame.control.mode, DriveMode::velocity);
  EXPECT_EQ(frame.setpoint, -50);
  command.refused(frame, 610);
  frame = command.next_frame();
  EXPECT_EQ(frame.control.mode, DriveMode::position);
  EXPECT_EQ(frame.setpoint, 610);
  EXPECT_TRUE(frame.control.enable);
}

// A drive that lost its reference in a power cycle and then moved below its soft limit refuses
// every position there, even a hold where it stands: held at zero speed it answers again, and
// once homed it holds at a position as before.
TEST(AxisCommand, AHoldTheDriveRefusesBecomesAHoldAtZeroSpeedUntilTheAxisIsHomed) {
  AxisCommand command(AxisKind::depth);
  command.enable(-40);
  auto frame = command.next_frame();
  EXPECT_EQ(frame.control.mode, DriveMode::position);
  command.refused(frame, -45);
  frame = command.next_frame();
  EXPECT_EQ(frame.control.mode, DriveMode::velocity);
  EXPECT_EQ(frame.setpoint, 0);
  EXPECT_TRUE(command.holds_at_zero_speed());
  // The drive's alarm drops the axis out every cycle: still at zero speed, not at -50.
  command.delivered(frame);
  command.drive_dropped_out(-50);
  frame = command.next_frame();
  EXPECT_EQ(frame.control.mode, DriveMode::velocity);
  EXPECT_EQ(frame.setpoint, 0);
  EXPECT_FALSE(frame.control.enable);

  // Homing gives the drive a reference again.
  frame = home_from(command, -50);
  EXPECT_FALSE(command.homing());
  EXPECT_FALSE(command.holds_at_zero_speed());
  EXPECT_EQ(frame.control.mode, DriveMode::position);
  EXPECT_EQ(frame.setpoint, 0);
}

// A refused move is no refused hold: the axis holds where it is, at a position.
TEST(AxisCommand, ARefusedMoveStillHoldsAtAPosition) {
  AxisCommand command(AxisKind::travel);
  command.enable(100);
  command.move_to(99999, 10, 10);
  const auto frame = command.next_frame();
  command.refused(frame, 120);
  EXPECT_FALSE(command.holds_at_zero_speed());
  const auto hold = command.next_frame();
  EXPECT_EQ(hold.control.mode, DriveMode::position);
  EXPECT_EQ(hold.setpoint, 120);
}

TEST(AxisCommand, HomingHoldsAtZeroSpeedUntilTheDriveReportsItsNewReference) {
  AxisCommand command(AxisKind::travel);
  command.enable(0);
  command.home();
  auto frame = command.next_frame();
  EXPECT_EQ(frame.control.mode, DriveMode::velocity);
  EXPECT_EQ(frame.setpoint, 0);
  // The edge goes out; the drive homes, its position running below the old reference.
  (void)deliver(command, 3);
  command.observe_homing(true, false, -2500);
  EXPECT_TRUE(command.homing());
  EXPECT_EQ(command.next_frame().control.mode, DriveMode::velocity);
  // Homed: hold in position mode where homing left the axis.
  command.observe_homing(false, true, 0);
  EXPECT_FALSE(command.homing());
  frame = command.next_frame();
  EXPECT_EQ(frame.control.mode, DriveMode::position);
  EXPECT_EQ(frame.setpoint, 0);
}

TEST(AxisCommand, HomedReportBeforeTheDriveStartedHomingDoesNotEndIt) {
  AxisCommand command(AxisKind::width);
  command.enable(400);
  command.home();
  (void)deliver(command, 3);
  command.observe_homing(false, true, 400);  // still the old HOMED, homing not yet seen
  EXPECT_TRUE(command.homing());
}

}  // namespace
