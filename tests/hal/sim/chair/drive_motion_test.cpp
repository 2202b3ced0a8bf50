#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "bench_master.hpp"

// How the drives move: homing, the refusal to move unhomed, trapezoidal moves within the
// limits, velocity mode, HALT and QUICK_STOP, end stops. All in stepped time.
namespace sim::testing {
namespace {

using hal::AxisKind;
using hal::DriveMode;
using hal::Quantity;

TEST(Homing, TakesRealisticTimeAndEndsHomedAtZero) {
  SimulatedChair chair(ra1_chair());  // the carriage powers up at 450 mm
  BenchMaster travel(chair, AxisKind::travel);
  ASSERT_EQ(travel.command({.enable = true, .home = true}, 0.0), std::nullopt);
  chair.advance(1s);
  auto s = travel.status();
  EXPECT_TRUE(s.flags.homing);
  EXPECT_TRUE(s.flags.moving);
  EXPECT_FALSE(s.flags.homed);
  EXPECT_LT(s.velocity, 0.0) << "toward the top end stop";
  EXPECT_GT(chair.axis(AxisKind::travel).position.value(), 300.0) << "at low speed";

  const auto took = advance_until(
      chair, [&] { return travel.status().flags.homed; }, 15s);
  s = travel.status();
  EXPECT_TRUE(s.flags.homed);
  EXPECT_FALSE(s.flags.homing);
  EXPECT_TRUE(s.flags.at_min);
  EXPECT_DOUBLE_EQ(s.position, 0.0);
  EXPECT_DOUBLE_EQ(chair.axis(AxisKind::travel).position.value(), 0.0);
  EXPECT_GT(seconds(took) + 1.0, 5.0) << "450 mm at low speed takes several seconds";
}

TEST(Homing, FromTheFarEndTakesUpToFifteenSeconds) {
  auto config = ra1_chair();
  config.power_up.travel = units::Millimetres(1200.0);
  SimulatedChair chair(config);
  BenchMaster travel(chair, AxisKind::travel);
  EXPECT_TRUE(travel.status().flags.at_max);
  ASSERT_EQ(travel.command({.enable = true, .home = true}, 0.0), std::nullopt);
  const auto took = advance_until(
      chair, [&] { return travel.status().flags.homed; }, 20s);
  EXPECT_GT(seconds(took), 14.0);
  EXPECT_LE(seconds(took), 15.0);
}

TEST(Homing, UnhomedAxisReportsWhereItPoweredUpAsItsMinimum) {
  SimulatedChair chair(ra1_chair());
  BenchMaster width(chair, AxisKind::width);
  EXPECT_DOUBLE_EQ(width.status().position, 40.0) << "the encoder counts from power-up";
  EXPECT_DOUBLE_EQ(chair.axis(AxisKind::width).position.value(), 120.0);
  home(chair, width);
  EXPECT_DOUBLE_EQ(width.status().position, 40.0) << "now truly at the 40 mm end stop";
  EXPECT_DOUBLE_EQ(chair.axis(AxisKind::width).position.value(), 40.0);
}

TEST(Homing, NeedsEnable) {
  SimulatedChair chair(ra1_chair());
  BenchMaster depth(chair, AxisKind::depth);
  ASSERT_EQ(depth.command({.home = true}, 0.0), std::nullopt);
  chair.advance(5s);
  EXPECT_FALSE(depth.status().flags.homed);
  EXPECT_FALSE(depth.status().flags.homing);
  EXPECT_DOUBLE_EQ(chair.axis(AxisKind::depth).position.value(), 5.0);
}

TEST(PositionMode, UnhomedLinearAxisRefusesToMoveWithNotHomed) {
  SimulatedChair chair(ra1_chair());
  BenchMaster travel(chair, AxisKind::travel);
  ASSERT_EQ(travel.command(enabled(), 0.0), std::nullopt);
  EXPECT_TRUE(travel.status().flags.enabled);
  ASSERT_EQ(travel.command(enabled(), 600.0), std::nullopt) << "the value is in range";
  chair.advance(1s);
  const auto s = travel.status();
  EXPECT_TRUE(s.flags.fault);
  EXPECT_FALSE(s.flags.ready);
  EXPECT_FALSE(s.flags.enabled);
  EXPECT_EQ(s.alarm, 9) << "motion refused (not homed)";
  EXPECT_DOUBLE_EQ(chair.axis(AxisKind::travel).position.value(), 450.0) << "did not move";
}

TEST(PositionMode, RotaryAxisNeedsNoHoming) {
  SimulatedChair chair(ra1_chair());
  BenchMaster knead(chair, AxisKind::knead);
  EXPECT_TRUE(knead.status().flags.homed);
  ASSERT_EQ(knead.command(enabled(), 270.0), std::nullopt);
  chair.advance(2s);
  const auto s = knead.status();
  EXPECT_FALSE(s.flags.fault);
  EXPECT_TRUE(s.flags.target_reached);
  EXPECT_NEAR(s.position, 270.0, 0.1);
  EXPECT_NEAR(chair.axis(AxisKind::knead).phase.value(), 270.0, 0.1);
}

// Samples the true motion every step of a move and checks it against the limits.
struct MoveRecord {
  double peak_speed = 0.0;
  double peak_accel = 0.0;
  double farthest = 0.0;
  std::chrono::nanoseconds took{0};
};

MoveRecord record_move(SimulatedChair& chair, BenchMaster& axis, double target) {
  MoveRecord r;
  double before = chair.axis(axis.codec().kind()).velocity.value();
  const auto start = chair.now();
  EXPECT_EQ(axis.command(enabled(), target), std::nullopt);
  bool reached = false;
  while (chair.now() - start < 30s) {
    chair.advance(SimulatedChair::kStep);
    const auto t = chair.axis(axis.codec().kind());
    r.peak_speed = std::max(r.peak_speed, std::abs(t.velocity.value()));
    r.peak_accel = std::max(r.peak_accel, std::abs(t.velocity.value() - before) / 0.001);
    r.farthest = std::max(r.farthest, t.position.value());
    before = t.velocity.value();
    if (!reached && axis.status().flags.target_reached) {
      reached = true;
      r.took = chair.now() - start;
    }
    if (reached && !axis.status().flags.moving) break;
  }
  EXPECT_TRUE(reached) << "target " << target << " not reached in 30 s";
  return r;
}

TEST(PositionMode, TrapezoidalMoveRespectsVelocityAndAccelerationLimits) {
  SimulatedChair chair(ra1_chair());
  BenchMaster travel(chair, AxisKind::travel);
  home(chair, travel);
  ASSERT_EQ(travel.write_value(travel.profile().command.velocity_limit, 100.0, Quantity::velocity),
            std::nullopt);
  ASSERT_EQ(travel.write_value(travel.profile().command.accel_limit, 200.0, Quantity::acceleration),
            std::nullopt);
  EXPECT_FALSE(travel.status().flags.target_reached && travel.status().position > 1.0);

  const auto r = record_move(chair, travel, 800.0);
  EXPECT_LE(r.peak_speed, 100.0 + 1e-9);
  EXPECT_GT(r.peak_speed, 99.0) << "a long move cruises at the limit";
  EXPECT_LE(r.peak_accel, 200.0 + 1e-6);
  EXPECT_LE(r.farthest, 800.0 + 1e-6) << "no overshoot";
  // 0.5 s ramps at each end (25 mm each) and 750 mm at 100 mm/s: about 8.5 s to stand still.
  EXPECT_NEAR(seconds(r.took), 8.5, 0.1);
  const auto s = travel.status();
  EXPECT_TRUE(s.flags.target_reached);
  EXPECT_FALSE(s.flags.moving);
  EXPECT_NEAR(s.position, 800.0, 0.05);
}

TEST(PositionMode, ZeroLimitsMeanTheAxisMaximumAndDefault) {
  SimulatedChair chair(ra1_chair());
  BenchMaster travel(chair, AxisKind::travel);
  home(chair, travel);
  const auto r = record_move(chair, travel, 1100.0);
  EXPECT_NEAR(r.peak_speed, 150.0, 1e-6) << "150 mm/s, the travel axis's maximum";
  EXPECT_NEAR(r.peak_accel, 300.0, 1e-3) << "the axis default acceleration";
}

TEST(PositionMode, TargetReachedWithinHalfAMillimetre) {
  SimulatedChair chair(ra1_chair());
  BenchMaster depth(chair, AxisKind::depth);
  home(chair, depth);
  ASSERT_EQ(depth.command(enabled(), 30.0), std::nullopt);
  const auto took = advance_until(
      chair, [&] { return depth.status().flags.target_reached; }, 5s);
  EXPECT_LT(seconds(took), 5.0);
  const double at = chair.axis(AxisKind::depth).position.value();
  EXPECT_GE(at, 29.5);
  EXPECT_LT(at, 30.0) << "reported on arrival within 0.5 mm, before standing still";
}

TEST(PositionMode, NewSetpointReplacesTheTargetAtOnce) {
  SimulatedChair chair(ra1_chair());
  BenchMaster travel(chair, AxisKind::travel);
  home(chair, travel);
  ASSERT_EQ(travel.command(enabled(), 1000.0), std::nullopt);
  chair.advance(2s);
  const double midway = chair.axis(AxisKind::travel).position.value();
  ASSERT_GT(midway, 100.0);
  ASSERT_LT(midway, 400.0);
  const auto r = record_move(chair, travel, 100.0);
  EXPECT_LT(r.farthest, midway + 50.0) << "it braked at once instead of finishing the old move";
  EXPECT_NEAR(travel.status().position, 100.0, 0.05);
}

TEST(VelocityMode, RotaryPhaseWrapsAtSpeed) {
  SimulatedChair chair(ra1_chair());
  BenchMaster tap(chair, AxisKind::tap);
  ASSERT_EQ(tap.command(enabled(DriveMode::velocity), 600.0), std::nullopt);
  chair.advance(1s);
  double lowest = 360.0, highest = 0.0;
  for (int i = 0; i < 200; ++i) {
    chair.advance(SimulatedChair::kStep);
    const auto phase = tap.status().position;
    lowest = std::min(lowest, phase);
    highest = std::max(highest, phase);
  }
  const auto s = tap.status();
  EXPECT_NEAR(s.velocity, 600.0, 0.05);
  EXPECT_TRUE(s.flags.target_reached);
  EXPECT_GE(lowest, 0.0);
  EXPECT_LT(highest, 360.0);
  EXPECT_GT(highest - lowest, 300.0) << "600 rpm turns 720° in 0.2 s";
}

TEST(VelocityMode, HomedAxisStopsAtItsSoftLimit) {
  SimulatedChair chair(ra1_chair());
  BenchMaster travel(chair, AxisKind::travel);
  home(chair, travel);
  ASSERT_EQ(travel.write_value(travel.profile().configuration.soft_max, 900.0, Quantity::position),
            std::nullopt);
  ASSERT_EQ(travel.command(enabled(DriveMode::velocity), 120.0), std::nullopt);
  chair.advance(12s);
  const auto s = travel.status();
  EXPECT_FALSE(s.flags.fault);
  EXPECT_FALSE(s.flags.moving);
  EXPECT_NEAR(s.position, 900.0, 0.05);
}

TEST(VelocityMode, UnhomedAxisRunningIntoAnEndStopRaisesEndStopHit) {
  SimulatedChair chair(ra1_chair());
  BenchMaster width(chair, AxisKind::width);
  ASSERT_EQ(width.command(enabled(DriveMode::velocity), -30.0), std::nullopt);
  chair.advance(5s);
  const auto s = width.status();
  EXPECT_TRUE(s.flags.fault);
  EXPECT_EQ(s.alarm, 6) << "end-stop hit";
  EXPECT_TRUE(s.flags.at_min);
}

TEST(Halt, DeceleratesAndHoldsWithEnabledKept) {
  SimulatedChair chair(ra1_chair());
  BenchMaster travel(chair, AxisKind::travel);
  home(chair, travel);
  ASSERT_EQ(travel.command(enabled(), 1000.0), std::nullopt);
  chair.advance(2s);
  hal::ControlWord halt = enabled();
  halt.halt = true;
  ASSERT_EQ(travel.command(halt, 1000.0), std::nullopt);
  chair.advance(1s);
  const double held = chair.axis(AxisKind::travel).position.value();
  chair.advance(2s);
  auto s = travel.status();
  EXPECT_TRUE(s.flags.enabled);
  EXPECT_FALSE(s.flags.moving);
  EXPECT_DOUBLE_EQ(chair.axis(AxisKind::travel).position.value(), held);
  ASSERT_EQ(travel.command(enabled(), 1000.0), std::nullopt);
  chair.advance(8s);
  s = travel.status();
  EXPECT_TRUE(s.flags.target_reached) << "the move resumes once HALT is cleared";
  EXPECT_NEAR(s.position, 1000.0, 0.05);
}

TEST(QuickStop, RetractsDepthBeforeDisabling) {
  SimulatedChair chair(ra1_chair());
  BenchMaster depth(chair, AxisKind::depth);
  home(chair, depth);
  ASSERT_EQ(depth.command(enabled(), 30.0), std::nullopt);
  chair.advance(3s);
  ASSERT_NEAR(chair.axis(AxisKind::depth).position.value(), 30.0, 0.01);
  ASSERT_GT(chair.force().contact.value(), 20.0) << "pressing into the seated back";

  hal::ControlWord stop = enabled();
  stop.quick_stop = true;
  ASSERT_EQ(depth.command(stop, 30.0), std::nullopt);
  bool saw_retracting = false;
  double enabled_until = 30.0;  // the depth at which ENABLED last read set
  for (int i = 0; i < 3000; ++i) {
    chair.advance(SimulatedChair::kStep);
    const auto t = chair.axis(AxisKind::depth);
    saw_retracting |= t.quick_stop == QuickStopState::retracting;
    if (depth.status().flags.enabled) enabled_until = t.position.value();
  }
  EXPECT_TRUE(saw_retracting);
  EXPECT_DOUBLE_EQ(chair.axis(AxisKind::depth).position.value(), 0.0);
  EXPECT_LT(enabled_until, 1.0) << "ENABLED clears only once the rollers are withdrawn";
  EXPECT_FALSE(depth.status().flags.enabled);
  EXPECT_EQ(chair.axis(AxisKind::depth).quick_stop, QuickStopState::stopped);

  ASSERT_EQ(depth.command(stop, 30.0), std::nullopt);
  chair.advance(1s);
  EXPECT_FALSE(depth.status().flags.enabled) << "stays stopped while QUICK_STOP is set";
  EXPECT_DOUBLE_EQ(chair.axis(AxisKind::depth).position.value(), 0.0);

  ASSERT_EQ(depth.command(enabled(), 20.0), std::nullopt);
  chair.advance(2s);
  EXPECT_TRUE(depth.status().flags.enabled) << "cleared QUICK_STOP with ENABLE moves again";
  EXPECT_NEAR(depth.status().position, 20.0, 0.05);
}

TEST(QuickStop, BrakesAtTheAxisMaximum) {
  SimulatedChair chair(ra1_chair());
  BenchMaster travel(chair, AxisKind::travel);
  home(chair, travel);
  ASSERT_EQ(travel.command(enabled(), 1100.0), std::nullopt);
  chair.advance(3s);
  ASSERT_NEAR(chair.axis(AxisKind::travel).velocity.value(), 150.0, 1e-6);
  hal::ControlWord stop = enabled();
  stop.quick_stop = true;
  ASSERT_EQ(travel.command(stop, 1100.0), std::nullopt);
  // 150 mm/s at 1500 mm/s² stops in 0.1 s.
  const auto took = advance_until(
      chair, [&] { return chair.axis(AxisKind::travel).velocity.value() == 0.0; }, 1s);
  EXPECT_NEAR(seconds(took), 0.1, 0.002);
  chair.advance(10ms);
  EXPECT_FALSE(chair.axis(AxisKind::travel).enabled);
}

}  // namespace
}  // namespace sim::testing
