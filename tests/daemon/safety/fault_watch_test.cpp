// The fault watch on its own: each cause of a fault, named with its axis, found from readings
// alone; what still stands in the way of a reset.

#include "daemon/safety/fault_watch.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/daemon/safety/measured_chair.hpp"

using hal::AxisKind;
using hal::LinearMotion;
using hal::RotaryMotion;
using safety::FaultKind;
using safety_test::change_reading;
using safety_test::measured_chair;
using namespace std::chrono_literals;
using testing::HasSubstr;

namespace {

class FaultWatchTest : public testing::Test {
 protected:
  safety::SafetyLimits limits_{};
  safety::FaultWatch watch_{limits_, 5};
  hal::Clock::time_point now_{std::chrono::hours(1)};

  std::optional<safety::Fault> observe(const control::ChairMeasurement& m,
                                       std::chrono::milliseconds step = 10ms) {
    now_ += step;
    return watch_.observe(m, now_);
  }

  static hal::DriveError link_error(AxisKind axis, hal::DriveErrorKind kind) {
    hal::DriveError e;
    e.kind = kind;
    e.bus = "main";
    e.unit = 3;
    e.axis = axis;
    e.doing = "exchanging the cycle frame";
    e.detail = "no reply within 20 ms";
    return e;
  }
};

TEST_F(FaultWatchTest, AHealthyChairHasNoFault) {
  for (int i = 0; i < 100; ++i) ASSERT_FALSE(observe(measured_chair()));
  EXPECT_FALSE(watch_.standing_cause(measured_chair()));
}

TEST_F(FaultWatchTest, ADriveAlarmIsAFaultOfItsKindOnItsAxis) {
  auto m = measured_chair();
  change_reading<LinearMotion>(m, AxisKind::depth, [](auto& r) {
    r.alarm = hal::DriveAlarm{2, "over-temperature", hal::AlarmKind::over_temperature};
    r.flags.fault = true;
  });
  const auto f = observe(m);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->kind, FaultKind::over_temperature);
  EXPECT_EQ(f->summary(), "over-temperature on depth (unit 3)");
  EXPECT_THAT(f->detail, HasSubstr("reports alarm 2 (over-temperature)"));
}

TEST_F(FaultWatchTest, AnAlarmOfNoKnownKindIsStillAFault) {
  auto m = measured_chair();
  change_reading<LinearMotion>(m, AxisKind::width, [](auto& r) {
    r.alarm = hal::DriveAlarm{7, "under-voltage", hal::AlarmKind::under_voltage};
  });
  const auto f = observe(m);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->kind, FaultKind::drive_alarm);
  EXPECT_EQ(f->summary(), "drive alarm on width (unit 2)");
}

TEST_F(FaultWatchTest, FailedCyclesInARowAreCommunicationLoss) {
  auto m = measured_chair();
  m.axis(AxisKind::tap).error = link_error(AxisKind::tap, hal::DriveErrorKind::timeout);
  for (int i = 0; i < 4; ++i) ASSERT_FALSE(observe(m)) << i;
  const auto f = observe(m);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->kind, FaultKind::communication_loss);
  EXPECT_EQ(f->axis, AxisKind::tap);
  EXPECT_THAT(f->detail, HasSubstr("for 5 cycles in a row"));
}

TEST_F(FaultWatchTest, AnAnswerBetweenFailuresStartsTheCountAgain) {
  auto failing = measured_chair();
  failing.axis(AxisKind::travel).error =
      link_error(AxisKind::travel, hal::DriveErrorKind::bad_frame);
  for (int round = 0; round < 10; ++round) {
    for (int i = 0; i < 4; ++i) ASSERT_FALSE(observe(failing));
    ASSERT_FALSE(observe(measured_chair()));
  }
}

TEST_F(FaultWatchTest, AStatusOlderThanAllowedIsCommunicationLoss) {
  auto m = measured_chair();
  change_reading<LinearMotion>(m, AxisKind::travel, [](auto& r) { r.age = 300ms; });
  const auto f = observe(m);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->kind, FaultKind::communication_loss);
  EXPECT_THAT(f->detail, HasSubstr("300 ms old, more than the 250 ms allowed"));
}

TEST_F(FaultWatchTest, StallCurrentHeldLongerThanTheStallTimeIsAStall) {
  auto m = measured_chair();
  change_reading<LinearMotion>(m, AxisKind::travel,
                               [](auto& r) { r.current = units::Milliamperes(5000.0); });
  EXPECT_FALSE(observe(m));         // the first sample starts the count
  EXPECT_FALSE(observe(m, 150ms));  // 150 ms
  const auto f = observe(m, 60ms);  // 210 ms
  ASSERT_TRUE(f);
  EXPECT_EQ(f->kind, FaultKind::stall);
  EXPECT_EQ(f->summary(), "stall on travel (unit 1)");
}

TEST_F(FaultWatchTest, AShortCurrentPeakIsNoStall) {
  auto peak = measured_chair();
  change_reading<LinearMotion>(peak, AxisKind::travel,
                               [](auto& r) { r.current = units::Milliamperes(5000.0); });
  for (int i = 0; i < 20; ++i) {
    ASSERT_FALSE(observe(peak, 100ms));
    ASSERT_FALSE(observe(measured_chair(), 10ms));
  }
}

TEST_F(FaultWatchTest, AMotorAboveItsTemperatureLimitIsOverTemperature) {
  auto m = measured_chair();
  change_reading<RotaryMotion>(m, AxisKind::knead,
                               [](auto& r) { r.temperature = units::Celsius(72.0); });
  const auto f = observe(m);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->summary(), "over-temperature on knead (unit 4)");
}

TEST_F(FaultWatchTest, AForceAboveTheFaultThresholdIsAFault) {
  const auto f = observe(measured_chair({.force = units::Newtons(46.0)}));
  ASSERT_TRUE(f);
  EXPECT_EQ(f->kind, FaultKind::force_above_ceiling);
  EXPECT_EQ(f->axis, AxisKind::depth);
  EXPECT_FALSE(observe(measured_chair({.force = units::Newtons(44.0)})));
}

TEST_F(FaultWatchTest, ADriveThatRestartedIsAFault) {
  auto m = measured_chair();
  m.axis(AxisKind::width).error = link_error(AxisKind::width, hal::DriveErrorKind::drive_restarted);
  const auto f = observe(m);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->kind, FaultKind::drive_restarted);
  EXPECT_THAT(f->detail, HasSubstr("homed again after a reset"));
}

TEST_F(FaultWatchTest, AnAxisFarOutsideItsCommandedMotionIsAFollowingError) {
  watch_.expectations().expect_move(AxisKind::travel, units::Millimetres(400.0),
                                    units::Millimetres(450.0), units::MillimetresPerSecond(50.0));
  EXPECT_FALSE(observe(measured_chair({.travel = units::Millimetres(455.0)})));
  const auto f = observe(measured_chair({.travel = units::Millimetres(462.0)}));
  ASSERT_TRUE(f);
  EXPECT_EQ(f->kind, FaultKind::following_error);
  EXPECT_EQ(f->axis, AxisKind::travel);
  EXPECT_THAT(f->detail, HasSubstr("outside its commanded motion 400.0..450.0 mm"));
}

TEST_F(FaultWatchTest, AnAxisThatRunsAwayCannotWidenItsOwnSpan) {
  // A new target each cycle toward 450, while the axis runs the other way, a little a cycle.
  double position = 400.0;
  std::optional<safety::Fault> f;
  for (int i = 0; i < 100 && !f; ++i) {
    watch_.expectations().expect_move(AxisKind::travel, units::Millimetres(position),
                                      units::Millimetres(450.0), units::MillimetresPerSecond(50.0));
    position -= 0.5;
    f = observe(measured_chair({.travel = units::Millimetres(position)}));
  }
  ASSERT_TRUE(f);
  EXPECT_EQ(f->kind, FaultKind::following_error);
}

TEST_F(FaultWatchTest, FasterThanAllowedIsAFollowingError) {
  watch_.expectations().expect_move(AxisKind::travel, units::Millimetres(400.0),
                                    units::Millimetres(600.0), units::MillimetresPerSecond(40.0));
  auto m = measured_chair({.travel = units::Millimetres(420.0)});
  change_reading<LinearMotion>(m, AxisKind::travel,
                               [](auto& r) { r.velocity = units::MillimetresPerSecond(120.0); });
  const auto f = observe(m);
  ASSERT_TRUE(f);
  EXPECT_THAT(f->detail, HasSubstr("faster than the 40.0 mm/s it was allowed"));
}

TEST_F(FaultWatchTest, NotMovingWhenCommandedIsAFollowingError) {
  watch_.expectations().expect_move(AxisKind::width, units::Millimetres(70.0),
                                    units::Millimetres(120.0), units::MillimetresPerSecond(20.0));
  const auto stuck = measured_chair({.lateral = units::Millimetres(35.0)});  // width 70, still
  ASSERT_FALSE(observe(stuck));  // the first sample starts the count
  for (int i = 0; i < 49; ++i) ASSERT_FALSE(observe(stuck)) << i;
  const auto f = observe(stuck);  // 500 ms later
  ASSERT_TRUE(f);
  EXPECT_EQ(f->kind, FaultKind::following_error);
  EXPECT_THAT(f->detail, HasSubstr("has not moved for 500 ms though commanded to 120.0 mm"));
}

TEST_F(FaultWatchTest, AnEccentricThatDoesNotTurnWhenToldIsAFollowingError) {
  watch_.expectations().expect_turn(AxisKind::knead, units::Rpm(40.0));
  const auto still = measured_chair();
  ASSERT_FALSE(observe(still));
  for (int i = 0; i < 49; ++i) ASSERT_FALSE(observe(still));
  const auto f = observe(still);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->summary(), "following error on knead (unit 4)");
}

// A stop tells a tapping eccentric 0 rpm at once; its drive ramps it down. Running down is no
// fault; speeding up past what it was told before is, and so is not slowing at all.
TEST_F(FaultWatchTest, AnEccentricRunningDownAfterAStopIsNoFaultUntilItFailsToSlow) {
  const auto tapping_at = [](double rpm) {
    auto m = measured_chair();
    change_reading<RotaryMotion>(m, AxisKind::tap,
                                 [rpm](auto& r) { r.velocity = units::Rpm(rpm); });
    return m;
  };
  watch_.expectations().expect_turn(AxisKind::tap, units::Rpm(150.0));
  ASSERT_FALSE(observe(tapping_at(150.0)));
  watch_.expectations().expect_turn(AxisKind::tap, units::Rpm(0.0));
  for (const double rpm : {150.0, 120.0, 60.0, 10.0, 0.0}) {
    ASSERT_FALSE(observe(tapping_at(rpm), 100ms)) << rpm << " rpm while running down";
  }
  // Down to 0: the ceiling fell with it, and turning again is a following error.
  const auto again = observe(tapping_at(60.0));
  ASSERT_TRUE(again);
  EXPECT_THAT(again->detail, HasSubstr("turns at 60.0 rpm, faster than the 0.0 rpm it was told"));

  safety::FaultWatch faster{limits_, 5};
  faster.expectations().expect_turn(AxisKind::tap, units::Rpm(150.0));
  faster.expectations().expect_turn(AxisKind::tap, units::Rpm(0.0));
  now_ += 10ms;
  const auto sped_up = faster.observe(tapping_at(250.0), now_);
  ASSERT_TRUE(sped_up);
  EXPECT_THAT(sped_up->detail, HasSubstr("faster than the 150.0 rpm it was told"));

  safety::FaultWatch unslowed{limits_, 5};
  unslowed.expectations().expect_turn(AxisKind::tap, units::Rpm(150.0));
  unslowed.expectations().expect_turn(AxisKind::tap, units::Rpm(0.0));
  std::optional<safety::Fault> fault;
  int cycles = 0;
  while (!fault && cycles < 1000) {
    now_ += 10ms;
    fault = unslowed.observe(tapping_at(150.0), now_);
    ++cycles;
  }
  ASSERT_TRUE(fault);
  EXPECT_EQ(fault->kind, FaultKind::following_error);
  EXPECT_THAT(fault->detail, HasSubstr("still turns at 150.0 rpm, 2000 ms after it was told to "
                                       "turn at 0.0 rpm"));
  EXPECT_GE(cycles, 200);
  EXPECT_LE(cycles, 202);
}

TEST_F(FaultWatchTest, ADepthHeldBackByItsForceLimitIsNotStuck) {
  watch_.expectations().expect_move(AxisKind::depth, units::Millimetres(20.0),
                                    units::Millimetres(40.0), units::MillimetresPerSecond(15.0));
  auto m = measured_chair({.depth = units::Millimetres(20.0)});
  change_reading<LinearMotion>(m, AxisKind::depth, [](auto& r) { r.flags.force_limited = true; });
  for (int i = 0; i < 200; ++i) ASSERT_FALSE(observe(m));
}

TEST_F(FaultWatchTest, AResetWaitsForAFreshStatusAndACoolMotor) {
  auto m = measured_chair();
  m.axis(AxisKind::depth).error = link_error(AxisKind::depth, hal::DriveErrorKind::timeout);
  EXPECT_THAT(watch_.standing_cause(m).value_or(""),
              HasSubstr("no fresh status from the depth drive (unit 3 on bus main)"));

  auto hot = measured_chair();
  change_reading<LinearMotion>(hot, AxisKind::depth,
                               [](auto& r) { r.temperature = units::Celsius(68.0); });
  EXPECT_THAT(watch_.standing_cause(hot).value_or(""),
              HasSubstr("the depth motor is at 68.0 °C; let it cool below 65.0 °C"));

  auto moving = measured_chair();
  change_reading<LinearMotion>(moving, AxisKind::travel, [](auto& r) { r.flags.moving = true; });
  EXPECT_THAT(watch_.standing_cause(moving).value_or(""),
              HasSubstr("the travel axis is still moving"));
}

}  // namespace
