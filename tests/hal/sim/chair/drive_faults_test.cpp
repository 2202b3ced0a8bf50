#include <gtest/gtest.h>

#include "bench_master.hpp"

// Faults as the datasheet describes them: the communication watchdog, stalls, over-temperature,
// force overload, injected alarms, and FAULT_RESET that clears only once the cause is gone.
namespace sim::testing {
namespace {

using hal::AxisKind;
using hal::DriveMode;
using hal::Quantity;

hal::ControlWord reset_fault() {
  hal::ControlWord c = enabled();
  c.fault_reset = true;
  return c;
}

// A rising edge of FAULT_RESET (the bit set after a word without it).
void pulse_fault_reset(BenchMaster& axis, double setpoint) {
  ASSERT_EQ(axis.command(enabled(), setpoint), std::nullopt);
  ASSERT_EQ(axis.command(reset_fault(), setpoint), std::nullopt);
}

TEST(CommunicationLoss, AfterTheTimeoutTheDrivePerformsTheAction) {
  SimulatedChair chair(ra1_chair());
  BenchMaster depth(chair, AxisKind::depth);
  home(chair, depth);
  const auto& cfg = depth.profile().configuration;
  ASSERT_EQ(depth.write_value(cfg.comm_timeout, 300.0, Quantity::time), std::nullopt);
  ASSERT_EQ(depth.write_counts(cfg.comm_loss_action, 2), std::nullopt);  // quick stop
  ASSERT_EQ(depth.command(enabled(), 25.0), std::nullopt);
  depth.keep_alive_for(2s);
  ASSERT_FALSE(depth.status().flags.fault) << "a live heartbeat keeps the drive running";
  ASSERT_NEAR(chair.axis(AxisKind::depth).position.value(), 25.0, 0.01);

  // The master falls silent: the last heartbeat was written at most 20 ms ago.
  chair.advance(260ms);
  EXPECT_FALSE(depth.status().flags.comm_lost);
  chair.advance(60ms);
  auto s = depth.status();
  EXPECT_TRUE(s.flags.comm_lost);
  EXPECT_TRUE(s.flags.fault);
  EXPECT_EQ(s.alarm, 5);
  chair.advance(2s);
  s = depth.status();
  EXPECT_FALSE(s.flags.enabled);
  EXPECT_DOUBLE_EQ(chair.axis(AxisKind::depth).position.value(), 0.0) << "quick stop retracts";
}

TEST(CommunicationLoss, UnchangedHeartbeatIsNoSignOfLife) {
  SimulatedChair chair(ra1_chair());
  BenchMaster knead(chair, AxisKind::knead);
  ASSERT_EQ(knead.write_value(knead.profile().configuration.comm_timeout, 200.0, Quantity::time),
            std::nullopt);
  ASSERT_EQ(knead.write_counts(knead.profile().configuration.comm_loss_action, 1), std::nullopt);
  ASSERT_EQ(knead.command(enabled(DriveMode::velocity), 60.0), std::nullopt);
  for (int i = 0; i < 20; ++i) {
    ASSERT_EQ(knead.write_counts(knead.profile().command.heartbeat, 77), std::nullopt);
    chair.advance(20ms);
  }
  EXPECT_TRUE(knead.status().flags.comm_lost) << "the same value written again proves nothing";
  chair.advance(2s);
  EXPECT_DOUBLE_EQ(chair.axis(AxisKind::knead).speed.value(), 0.0) << "action halt";
  EXPECT_FALSE(knead.status().flags.enabled);
}

TEST(CommunicationLoss, OnlyWatchedWhileEnabledAndTimeoutSet) {
  SimulatedChair chair(ra1_chair());
  BenchMaster travel(chair, AxisKind::travel);
  chair.advance(5s);
  EXPECT_FALSE(travel.status().flags.comm_lost) << "COMM_TIMEOUT ships as 0: off";
  ASSERT_EQ(travel.write_value(travel.profile().configuration.comm_timeout, 100.0, Quantity::time),
            std::nullopt);
  chair.advance(5s);
  EXPECT_FALSE(travel.status().flags.comm_lost) << "not enabled: nothing to stop";
}

TEST(CommunicationLoss, ActionNoneOnlyReports) {
  SimulatedChair chair(ra1_chair());
  BenchMaster tap(chair, AxisKind::tap);
  ASSERT_EQ(tap.write_value(tap.profile().configuration.comm_timeout, 100.0, Quantity::time),
            std::nullopt);
  ASSERT_EQ(tap.command(enabled(DriveMode::velocity), 300.0), std::nullopt);
  chair.advance(1s);
  const auto s = tap.status();
  EXPECT_TRUE(s.flags.comm_lost);
  EXPECT_TRUE(s.flags.fault);
  EXPECT_EQ(s.alarm, 5);
  EXPECT_NEAR(s.velocity, 300.0, 0.05) << "COMM_LOSS_ACTION 0: the drive does nothing about it";
}

TEST(Stall, CurrentAboveStallCurrentForMoreThan200msRaisesStall) {
  SimulatedChair chair(ra1_chair());
  BenchMaster travel(chair, AxisKind::travel);
  home(chair, travel);
  ASSERT_EQ(travel.command(enabled(), 800.0), std::nullopt);
  chair.advance(1s);
  const double free_running = travel.status().current;
  EXPECT_GT(free_running, 150.0);
  EXPECT_LT(free_running, 4000.0);

  chair.set_stalled(AxisKind::travel, true);
  chair.advance(150ms);
  EXPECT_GT(travel.status().current, 4000.0) << "a blocked motor draws over-current";
  EXPECT_FALSE(travel.status().flags.fault) << "not before 200 ms";
  const auto took = advance_until(
      chair, [&] { return travel.status().flags.fault; }, std::chrono::seconds(1));
  EXPECT_NEAR(seconds(took), 0.05, 0.003) << "200 ms after the current rose";
  const auto s = travel.status();
  EXPECT_EQ(s.alarm, 1);
  chair.advance(10ms);
  EXPECT_FALSE(travel.status().flags.enabled);
  EXPECT_DOUBLE_EQ(travel.status().current, 0.0) << "de-energised after the fault";
}

TEST(Stall, ThresholdIsTheConfiguredStallCurrent) {
  SimulatedChair chair(ra1_chair());
  BenchMaster knead(chair, AxisKind::knead);
  ASSERT_EQ(
      knead.write_value(knead.profile().configuration.stall_current, 400.0, Quantity::current),
      std::nullopt);
  ASSERT_EQ(knead.command(enabled(DriveMode::velocity), 90.0), std::nullopt);
  chair.advance(2s);
  EXPECT_EQ(knead.status().alarm, 1) << "running at 90 rpm draws more than 400 mA";
}

TEST(FaultReset, ClearsOnlyOnceTheStallIsGone) {
  SimulatedChair chair(ra1_chair());
  BenchMaster width(chair, AxisKind::width);
  home(chair, width);
  chair.set_stalled(AxisKind::width, true);
  chair.advance(500ms);
  ASSERT_EQ(width.status().alarm, 1);

  pulse_fault_reset(width, 40.0);
  chair.advance(10ms);
  auto s = width.status();
  EXPECT_TRUE(s.flags.fault) << "the axis is still blocked";
  EXPECT_EQ(s.alarm, 1);

  chair.set_stalled(AxisKind::width, false);
  ASSERT_EQ(width.command(reset_fault(), 40.0), std::nullopt);
  chair.advance(10ms);
  EXPECT_TRUE(width.status().flags.fault) << "FAULT_RESET acts on the rising edge only";
  pulse_fault_reset(width, 40.0);
  chair.advance(10ms);
  s = width.status();
  EXPECT_FALSE(s.flags.fault);
  EXPECT_TRUE(s.flags.ready);
  EXPECT_EQ(s.alarm, 0);
  EXPECT_TRUE(s.flags.enabled) << "ENABLE held: the drive runs again";
  EXPECT_TRUE(s.flags.homed) << "a stall does not lose the reference";
}

TEST(FaultReset, OverTemperatureStaysUntilTheMotorHasCooled) {
  SimulatedChair chair(ra1_chair());
  BenchMaster travel(chair, AxisKind::travel);
  chair.set_motor_temperature(AxisKind::travel, units::Celsius(85.0));
  chair.advance(10ms);
  ASSERT_EQ(travel.status().alarm, 2) << "over-temperature";
  pulse_fault_reset(travel, 0.0);
  chair.advance(10ms);
  EXPECT_TRUE(travel.status().flags.fault) << "still hot";

  const auto took = advance_until(
      chair, [&] { return chair.axis(AxisKind::travel).temperature.value() < 70.0; }, 300s);
  EXPECT_GT(seconds(took), 30.0) << "a motor cools over minutes, not instantly";
  pulse_fault_reset(travel, 0.0);
  chair.advance(10ms);
  EXPECT_FALSE(travel.status().flags.fault);
}

TEST(Faults, AnyAlarmHaltsTheAxisRetractsDepthAndClearsEnabled) {
  SimulatedChair chair(ra1_chair());
  BenchMaster depth(chair, AxisKind::depth);
  home(chair, depth);
  ASSERT_EQ(depth.command(enabled(), 25.0), std::nullopt);
  chair.advance(2s);
  chair.raise_alarm(AxisKind::depth, hal::AlarmKind::following_error);
  auto s = depth.status();
  EXPECT_TRUE(s.flags.fault);
  EXPECT_FALSE(s.flags.ready);
  EXPECT_EQ(s.alarm, 3);
  chair.advance(2s);
  s = depth.status();
  EXPECT_FALSE(s.flags.enabled);
  EXPECT_DOUBLE_EQ(chair.axis(AxisKind::depth).position.value(), 0.0);
  ASSERT_EQ(depth.command(enabled(), 25.0), std::nullopt);
  chair.advance(1s);
  EXPECT_FALSE(depth.status().flags.enabled) << "ENABLE alone does not clear a fault";
  pulse_fault_reset(depth, 0.0);
  chair.advance(10ms);
  EXPECT_TRUE(depth.status().flags.enabled);
  EXPECT_FALSE(depth.status().flags.fault);
}

TEST(Faults, EncoderAlarmLosesTheReference) {
  SimulatedChair chair(ra1_chair());
  BenchMaster travel(chair, AxisKind::travel);
  home(chair, travel);
  chair.raise_alarm(AxisKind::travel, hal::AlarmKind::encoder);
  EXPECT_EQ(travel.status().alarm, 4);
  EXPECT_FALSE(travel.status().flags.homed);
}

TEST(Faults, ForceOverloadAbove250N) {
  auto config = ra1_chair();
  config.body.seated = false;
  SimulatedChair chair(config);
  BenchMaster depth(chair, AxisKind::depth);
  chair.place_reference_load(units::Newtons(240.0));  // reads about 257 N uncalibrated
  chair.advance(10ms);
  auto s = depth.status();
  EXPECT_TRUE(s.flags.fault);
  EXPECT_EQ(s.alarm, 8);
  pulse_fault_reset(depth, 0.0);
  chair.advance(10ms);
  EXPECT_TRUE(depth.status().flags.fault) << "the load is still there";
  chair.remove_reference_load();
  pulse_fault_reset(depth, 0.0);
  chair.advance(10ms);
  EXPECT_FALSE(depth.status().flags.fault);
}

TEST(Faults, AlarmCodesComeFromTheProfile) {
  SimulatedChair chair(ra1_chair());
  BenchMaster tap(chair, AxisKind::tap);
  chair.raise_alarm(AxisKind::tap, hal::AlarmKind::under_voltage);
  EXPECT_EQ(tap.status().alarm, 7);
  EXPECT_THROW(chair.raise_alarm(AxisKind::tap, hal::AlarmKind::other), std::invalid_argument)
      << "the RA-1 profile defines no alarm of kind 'other'";
}

}  // namespace
}  // namespace sim::testing
