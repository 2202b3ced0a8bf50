#include "modbus/drive_channel.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "manual_clock.hpp"
#include "modbus/axis.hpp"
#include "profile/profile_loader.hpp"
#include "support/source_tree.hpp"

namespace {

using hal::AxisKind;
using hal::DriveErrorKind;
using ::testing::HasSubstr;
using namespace units::literals;

using test_support::kProfiles;

// A channel on its own, brought through its lifecycle the way the bus would.
class DriveChannelTest : public ::testing::Test {
 protected:
  explicit DriveChannelTest(const char* profile = "ra1.toml")
      : profile_(hal::load_profile(kProfiles + profile)) {}

  hal::DriveChannel& make(AxisKind kind, int unit = 1) {
    channel_ = std::make_unique<hal::DriveChannel>("main", profile_, hal::AxisWiring{kind, unit},
                                                   clock_, wakeup_);
    return *channel_;
  }

  hal::RegisterImage status(AxisKind kind, const hal::DriveStatusValues& values) const {
    return hal::DriveCodec(profile_, kind).encode_status(values);
  }

  // Connected with the RA-1's ranges, then active, standing at `position`.
  void activate(hal::DriveChannel& channel, double position,
                hal::StatusFlags flags = hal::StatusFlags{.ready = true}) {
    // RANGE_MAX as an RA-1 reports it: 1200 mm of travel, or 90 rpm.
    hal::DriveIdentity id;
    id.range_max = hal::is_rotary(channel.kind())
                       ? channel.codec().to_counts(90.0, hal::Quantity::velocity)
                       : channel.codec().to_counts(1200.0, hal::Quantity::position);
    channel.connected(id);
    hal::DriveStatusValues values;
    values.position = position;
    values.flags = flags;
    ASSERT_FALSE(channel.absorb(status(channel.kind(), values)).has_value());
    channel.activated({0, 0, 0});
  }

  hal::ActuatorProfile profile_;
  test_support::ManualClock clock_;
  hal::BusWakeup wakeup_;
  std::unique_ptr<hal::DriveChannel> channel_;
};

TEST_F(DriveChannelTest, EveryCommandIsRefusedBeforeTheAxisIsActive) {
  auto& travel = make(AxisKind::travel);
  hal::DriveIdentity id;
  id.range_max = 12000;
  travel.connected(id);
  const auto refused = travel.move_to(100.0, 50.0, 100.0);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, DriveErrorKind::refused);
  EXPECT_THAT(refused.error().message(), HasSubstr("the axis is connected, not active"));
  EXPECT_THAT(refused.error().message(), HasSubstr("bus main, unit 1 (travel)"));
  for (const auto& r : {travel.enable(), travel.disable(), travel.home(), travel.halt(),
                        travel.reset_fault(), travel.run_at(10.0, 100.0)}) {
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, DriveErrorKind::refused);
  }
}

TEST_F(DriveChannelTest, UnconfiguredAxisSaysSo) {
  auto& width = make(AxisKind::width, 2);
  const auto r = width.enable();
  ASSERT_FALSE(r);
  EXPECT_THAT(r.error().message(), HasSubstr("the axis is unconfigured, not active"));
}

TEST_F(DriveChannelTest, MotionNeedsTheAxisEnabled) {
  auto& travel = make(AxisKind::travel);
  activate(travel, 300.0);
  auto r = travel.move_to(400.0, 50.0, 100.0);
  ASSERT_FALSE(r);
  EXPECT_THAT(r.error().message(), HasSubstr("not enabled"));
  ASSERT_TRUE(travel.enable());
  EXPECT_TRUE(travel.move_to(400.0, 50.0, 100.0));
}

TEST_F(DriveChannelTest, EnableHoldsWhereTheAxisIsNotAtAStaleTarget) {
  auto& travel = make(AxisKind::travel);
  activate(travel, 300.0);
  ASSERT_TRUE(travel.enable());
  const auto frame = travel.next_frame();
  EXPECT_TRUE(frame.control.enable);
  EXPECT_EQ(frame.control.mode, hal::DriveMode::position);
  EXPECT_EQ(frame.setpoint, 3000);  // 300 mm in 0.1 mm counts
}

TEST_F(DriveChannelTest, TargetOutsideTheDrivesRangeIsRefusedWithTheRange) {
  auto& travel = make(AxisKind::travel);
  activate(travel, 0.0);
  ASSERT_TRUE(travel.enable());
  const auto r = travel.move_to(1300.0, 50.0, 100.0);
  ASSERT_FALSE(r);
  EXPECT_THAT(r.error().message(), HasSubstr("outside the axis's range 0..1200 mm"));
  EXPECT_FALSE(travel.move_to(-1.0, 50.0, 100.0));
}

TEST_F(DriveChannelTest, ZeroSpeedIsRefusedBecauseTheDriveReadsItAsFullSpeed) {
  auto& travel = make(AxisKind::travel);
  activate(travel, 0.0);
  ASSERT_TRUE(travel.enable());
  const auto r = travel.move_to(100.0, 0.0, 100.0);
  ASSERT_FALSE(r);
  EXPECT_THAT(r.error().message(), HasSubstr("speed 0 mm/s must be at least 0.1 mm/s"));
  EXPECT_FALSE(travel.move_to(100.0, 50.0, 0.2));  // rounds to 0 mm/s²
}

TEST_F(DriveChannelTest, NotANumberIsRefused) {
  auto& depth = make(AxisKind::depth, 3);
  activate(depth, 0.0);
  ASSERT_TRUE(depth.enable());
  EXPECT_FALSE(depth.press_with(std::nan("")));
  EXPECT_FALSE(depth.move_to(10.0, std::numeric_limits<double>::infinity(), 100.0));
}

TEST_F(DriveChannelTest, ForceCommandsExistOnTheDepthAxisOnly) {
  auto& travel = make(AxisKind::travel);
  activate(travel, 0.0);
  ASSERT_TRUE(travel.enable());
  const auto r = travel.press_with(20.0);
  ASSERT_FALSE(r);
  EXPECT_THAT(r.error().message(), HasSubstr("depth axis only"));
  EXPECT_FALSE(travel.limit_force(60.0));
}

TEST_F(DriveChannelTest, DepthPressesWithAForceInItsOwnMode) {
  auto& depth = make(AxisKind::depth, 3);
  activate(depth, 12.0);
  ASSERT_TRUE(depth.enable());
  ASSERT_TRUE(depth.limit_force(60.0));
  ASSERT_TRUE(depth.press_with(20.0));
  const auto frame = depth.next_frame();
  EXPECT_EQ(frame.control.mode, hal::DriveMode::force);
  EXPECT_EQ(frame.setpoint, 200);
  const auto limits = depth.pending_limits();
  EXPECT_TRUE(limits.changed[static_cast<int>(hal::Limit::force)]);
  EXPECT_EQ(limits.values[static_cast<int>(hal::Limit::force)], 600);
  EXPECT_FALSE(depth.press_with(-5.0));
}

TEST_F(DriveChannelTest, RotaryAxesNeedNoHoming) {
  auto& knead = make(AxisKind::knead, 4);
  activate(knead, 0.0);
  const auto r = knead.home();
  ASSERT_FALSE(r);
  EXPECT_THAT(r.error().message(), HasSubstr("needs no homing"));
}

TEST_F(DriveChannelTest, RotarySpeedAboveTheDrivesTopSpeedIsRefused) {
  auto& knead = make(AxisKind::knead, 4);
  activate(knead, 0.0);
  ASSERT_TRUE(knead.enable());
  EXPECT_TRUE(knead.run_at(60.0, 100.0));
  const auto r = knead.run_at(-120.0, 100.0);
  ASSERT_FALSE(r);
  EXPECT_THAT(r.error().message(), HasSubstr("top speed of 90 rpm"));
}

TEST_F(DriveChannelTest, MotionIsRefusedWhileHoming) {
  auto& travel = make(AxisKind::travel);
  activate(travel, 0.0);
  ASSERT_TRUE(travel.home());
  const auto r = travel.move_to(100.0, 50.0, 100.0);
  ASSERT_FALSE(r);
  EXPECT_THAT(r.error().message(), HasSubstr("homing"));
}

TEST_F(DriveChannelTest, AlarmIsReportedByNameAndKindAndDropsEnable) {
  auto& travel = make(AxisKind::travel);
  activate(travel, 100.0);
  ASSERT_TRUE(travel.enable());
  ASSERT_TRUE(travel.move_to(800.0, 100.0, 300.0));
  hal::DriveStatusValues v;
  v.position = 412.5;
  v.flags.fault = true;
  v.alarm = 1;
  const auto trouble = travel.absorb(status(AxisKind::travel, v));
  ASSERT_TRUE(trouble.has_value());
  EXPECT_EQ(trouble->kind, DriveErrorKind::drive_alarm);
  ASSERT_TRUE(trouble->alarm.has_value());
  EXPECT_EQ(trouble->alarm->name, "stall / over-current");
  EXPECT_EQ(trouble->alarm->kind, hal::AlarmKind::stall);
  // A fault reset must not bring back the old target: the axis holds where it stopped.
  const auto frame = travel.next_frame();
  EXPECT_FALSE(frame.control.enable);
  EXPECT_EQ(frame.setpoint, 4125);
  ASSERT_TRUE(travel.reading()->alarm.has_value());
}

TEST_F(DriveChannelTest, AlarmCodeMissingFromTheProfileIsStillAnAlarm) {
  auto& width = make(AxisKind::width, 2);
  activate(width, 100.0);
  hal::DriveStatusValues v;
  v.position = 100.0;
  v.alarm = 42;
  const auto trouble = width.absorb(status(AxisKind::width, v));
  ASSERT_TRUE(trouble.has_value());
  EXPECT_EQ(trouble->alarm->kind, hal::AlarmKind::other);
  EXPECT_THAT(trouble->message(), HasSubstr("alarm code 0x002A (not in the RA-1 profile)"));
}

TEST_F(DriveChannelTest, DriveThatLostEnableAndHomedIsReportedAsRestartedUntilReenabled) {
  auto& travel = make(AxisKind::travel);
  activate(travel, 500.0, hal::StatusFlags{.ready = true, .homed = true});
  ASSERT_TRUE(travel.enable());
  hal::DriveStatusValues v;
  v.position = 500.0;
  v.flags = hal::StatusFlags{.ready = true, .enabled = true, .homed = true};
  ASSERT_FALSE(travel.absorb(status(AxisKind::travel, v)).has_value());
  v.position = 0.0;  // power-up: the encoder counts from here again
  v.flags = hal::StatusFlags{.ready = true};
  auto trouble = travel.absorb(status(AxisKind::travel, v));
  ASSERT_TRUE(trouble.has_value());
  EXPECT_EQ(trouble->kind, DriveErrorKind::drive_restarted);
  EXPECT_THAT(trouble->message(), HasSubstr("HOMED went from 1 to 0 without homing"));
  EXPECT_FALSE(travel.next_frame().control.enable);
  // Still reported on the next reading, until the controller acts.
  EXPECT_TRUE(travel.absorb(status(AxisKind::travel, v)).has_value());
  ASSERT_TRUE(travel.enable());
  EXPECT_FALSE(travel.absorb(status(AxisKind::travel, v)).has_value());
}

TEST_F(DriveChannelTest, RotaryDriveThatDroppedEnableIsReportedAsRestarted) {
  auto& tap = make(AxisKind::tap, 5);
  activate(tap, 0.0, hal::StatusFlags{.ready = true, .homed = true});
  ASSERT_TRUE(tap.enable());
  ASSERT_TRUE(tap.run_at(60.0, 1000.0));
  hal::DriveStatusValues v;
  v.flags = hal::StatusFlags{.ready = true, .enabled = true, .homed = true};
  ASSERT_FALSE(tap.absorb(status(AxisKind::tap, v)).has_value());
  v.flags.enabled = false;
  const auto trouble = tap.absorb(status(AxisKind::tap, v));
  ASSERT_TRUE(trouble.has_value());
  EXPECT_THAT(trouble->message(), HasSubstr("ENABLED went from 1 to 0"));
  const auto frame = tap.next_frame();
  EXPECT_FALSE(frame.control.enable);
  EXPECT_EQ(frame.setpoint, 0) << "not the old 60 rpm";
}

TEST_F(DriveChannelTest, RestartFoundByTheBusIsReportedUntilReenabled) {
  auto& knead = make(AxisKind::knead, 4);
  activate(knead, 0.0, hal::StatusFlags{.ready = true, .homed = true});
  ASSERT_TRUE(knead.enable());
  const auto e = knead.restart_detected("ACCEL_LIMIT reads 0");
  EXPECT_EQ(e.kind, DriveErrorKind::drive_restarted);
  hal::DriveStatusValues v;
  v.flags = hal::StatusFlags{.ready = true, .enabled = true, .homed = true};
  const auto trouble = knead.absorb(status(AxisKind::knead, v));
  ASSERT_TRUE(trouble.has_value());
  EXPECT_THAT(trouble->message(), HasSubstr("ACCEL_LIMIT reads 0"));
  EXPECT_FALSE(knead.next_frame().control.enable);
  ASSERT_TRUE(knead.enable());
  EXPECT_FALSE(knead.absorb(status(AxisKind::knead, v)).has_value());
}

TEST_F(DriveChannelTest, DisablingOnPurposeIsNotARestart) {
  auto& knead = make(AxisKind::knead, 4);
  activate(knead, 0.0, hal::StatusFlags{.ready = true, .homed = true});
  ASSERT_TRUE(knead.enable());
  hal::DriveStatusValues v;
  v.flags = hal::StatusFlags{.ready = true, .enabled = true, .homed = true};
  ASSERT_FALSE(knead.absorb(status(AxisKind::knead, v)).has_value());
  ASSERT_TRUE(knead.disable());
  v.flags.enabled = false;
  EXPECT_FALSE(knead.absorb(status(AxisKind::knead, v)).has_value());
}

TEST_F(DriveChannelTest, QuickStopIsNeverRefusedAndWakesTheBus) {
  auto& travel = make(AxisKind::travel);
  travel.quick_stop();  // unconfigured: still taken
  EXPECT_TRUE(wakeup_.stop_pending());
  EXPECT_TRUE(travel.take_stop_request());
  EXPECT_FALSE(travel.take_stop_request());
}

TEST_F(DriveChannelTest, LatchedQuickStopRefusesMotionUntilEnabled) {
  auto& depth = make(AxisKind::depth, 3);
  activate(depth, 20.0);
  ASSERT_TRUE(depth.enable());
  depth.latch_quick_stop();
  EXPECT_TRUE(depth.next_frame().control.quick_stop);
  const auto r = depth.press_with(10.0);
  ASSERT_FALSE(r);
  EXPECT_THAT(r.error().message(), HasSubstr("quick stop is latched"));
  ASSERT_TRUE(depth.enable());
  EXPECT_FALSE(depth.next_frame().control.quick_stop);
}

TEST_F(DriveChannelTest, ReadingAgeIsMeasuredOnTheInjectedClock) {
  auto& travel = make(AxisKind::travel);
  activate(travel, 250.0);
  clock_.advance(std::chrono::milliseconds{35});
  const hal::LinearAxis axis(travel);
  const auto reading = axis.reading();
  ASSERT_TRUE(reading.has_value());
  EXPECT_EQ(reading->age, std::chrono::milliseconds{35});
  EXPECT_EQ(reading->position, 250.0_mm);
}

class Kx7ChannelTest : public DriveChannelTest {
 protected:
  Kx7ChannelTest() : DriveChannelTest("kx7.toml") {}
};

TEST_F(Kx7ChannelTest, ThirtyTwoBitCountsCarryMicrometres) {
  auto& travel = make(AxisKind::travel);
  activate(travel, 0.0);
  ASSERT_TRUE(travel.enable());
  ASSERT_TRUE(travel.move_to(1000.25, 80.0, 300.0));
  const auto frame = travel.next_frame();
  EXPECT_EQ(frame.setpoint, 1'000'250);  // 1 µm counts: beyond 16 bits
  const auto limits = travel.pending_limits();
  EXPECT_EQ(limits.values[0], 8000);  // 0.01 mm/s
  EXPECT_EQ(limits.values[1], 3000);  // 0.1 mm/s²
}

}  // namespace
