// The supervisor's rules on their own: what is clamped, what is refused, and that every action
// is recorded with its rule. Cases of one setpoint are data files in scenarios/ (run by
// supervisor_scenarios_test.cpp); here are those that need several reviews, time or a
// calibration swapped.

#include "daemon/safety/supervisor.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/daemon/safety/measured_chair.hpp"

using anatomy::VertebralLevel;
using control::DepthForce;
using control::DepthPosition;
using control::Purpose;
using safety::Rule;
using safety::Verdict;
using safety_test::measured_chair;
using safety_test::Place;
using namespace std::chrono_literals;

namespace {

safety::Calibration valid_calibration() {
  safety::Calibration c;
  c.valid = true;
  return c;
}

class SupervisorTest : public testing::Test {
 protected:
  // A medium body: shoulders at 440 mm, the seat at 1000 mm.
  bodymap::BodyMap body_{units::Millimetres(440.0), bodymap::ChairGeometry{}};
  safety::Supervisor supervisor_{safety::SafetyLimits{}, valid_calibration()};
  hal::Clock::time_point now_{std::chrono::hours(1)};

  units::Millimetres at(VertebralLevel level) const { return body_.travel_of(level); }

  // A massage that wants to press with `force` at `travel`, 35 mm from the midline.
  control::SetpointRequest press(units::Millimetres travel, units::Newtons force) const {
    control::SetpointRequest r;
    r.setpoint.travel = travel;
    r.setpoint.travel_speed = units::MillimetresPerSecond(20.0);
    r.setpoint.lateral = units::Millimetres(35.0);
    r.setpoint.depth = DepthForce{force};
    r.context.body = body_;
    r.context.engage_depth = true;
    return r;
  }

  // The rollers measured where `place` says.
  safety::Decision review(const control::SetpointRequest& r, const Place& place) {
    return supervisor_.review(r, measured_chair(place), now_);
  }
  // The rollers measured where the request wants them, not touching.
  safety::Decision review(const control::SetpointRequest& r) {
    return review(r, {.travel = r.setpoint.travel, .lateral = r.setpoint.lateral});
  }

  static units::Newtons force_of(const safety::Decision& d) {
    return std::get<DepthForce>(d.setpoint.depth).force;
  }
};

TEST_F(SupervisorTest, ServiceWorkSpinsTheTappingMotorOnlyWithTheRollersDrawnIn) {
  control::SetpointRequest r;
  r.context.purpose = control::Purpose::service;
  r.setpoint.travel = units::Millimetres(600.0);
  r.setpoint.tap = units::Rpm(120.0);
  auto d = review(r);
  EXPECT_EQ(d.setpoint.tap, units::Rpm(120.0));
  EXPECT_FALSE(d.acted(Rule::tapping_needs_body_scan));

  r.setpoint.depth = control::DepthForce{units::Newtons(10.0)};
  d = review(r);
  EXPECT_EQ(d.setpoint.tap, units::Rpm(0.0));
  EXPECT_TRUE(d.acted(Rule::tapping_needs_body_scan));
}

TEST_F(SupervisorTest, NothingButServiceWorkPressesWithoutAValidCalibration) {
  supervisor_.set_calibration(safety::uncalibrated());
  const auto d = review(press(at(VertebralLevel::T6), units::Newtons(15.0)));
  EXPECT_TRUE(control::is_retracted(d.setpoint.depth));
  EXPECT_TRUE(d.acted(Rule::depth_needs_calibration));

  auto scan = press(at(VertebralLevel::T6), units::Newtons(5.0));
  scan.context.purpose = Purpose::body_scan;
  EXPECT_TRUE(review(scan).acted(Rule::depth_needs_calibration));

  auto service = press(units::Millimetres(600.0), units::Newtons(45.0));
  service.context.purpose = Purpose::service;
  service.context.body.reset();
  const auto s = review(service);
  EXPECT_TRUE(s.engage_depth);
  EXPECT_EQ(force_of(s), units::Newtons(30.0));  // the service ceiling
  EXPECT_TRUE(s.acted(Rule::purpose_force));
}

TEST_F(SupervisorTest, ASourceThatDoesNotMeanToPressOnlyTouches) {
  auto r = press(at(VertebralLevel::T6), units::Newtons(20.0));
  r.context.engage_depth = false;
  const auto d = review(r);
  EXPECT_FALSE(d.engage_depth);
  EXPECT_EQ(force_of(d), safety::kTouchForce);
  EXPECT_EQ(d.force_limit, safety::kTouchForce);
  EXPECT_TRUE(d.acted(Rule::touch_only));

  auto positioned = r;
  positioned.setpoint.depth = DepthPosition{units::Millimetres(30.0)};
  const auto p = review(positioned);
  EXPECT_EQ(p.force_limit, safety::kTouchForce);  // the drive stops advancing at a touch
  EXPECT_FALSE(p.engage_depth);
}

TEST_F(SupervisorTest, TravelNearTheBodyIsSlowedAndFreeTravelIsNot) {
  auto r = press(at(VertebralLevel::T6), units::Newtons(15.0));
  r.setpoint.travel_speed = units::MillimetresPerSecond(120.0);
  const auto near = review(r);
  EXPECT_EQ(near.setpoint.travel_speed, units::MillimetresPerSecond(50.0));
  EXPECT_TRUE(near.acted(Rule::travel_speed));
  EXPECT_EQ(near.motion.depth_speed, units::MillimetresPerSecond(15.0));
  EXPECT_EQ(near.motion.travel_acceleration, units::MillimetresPerSecondSquared(200.0));

  r.setpoint.depth = control::DepthRetracted{};
  r.context.engage_depth = false;
  const auto away = review(r);
  EXPECT_EQ(away.setpoint.travel_speed, units::MillimetresPerSecond(120.0));
  EXPECT_FALSE(away.acted(Rule::travel_speed));
}

TEST_F(SupervisorTest, AHoldEndsBeforeItsLimitAndThenWaitsForARelease) {
  const auto spot = at(VertebralLevel::T8);
  const auto r = press(spot, units::Newtons(20.0));
  const Place pressing{.travel = spot, .force = units::Newtons(20.0)};
  const auto start = now_;
  // 88 s of pressing: the release starts 2 s before the 90 s limit.
  while (now_ - start < 88s) {
    ASSERT_FALSE(review(r, pressing).acted(Rule::compression_time))
        << std::chrono::duration_cast<std::chrono::seconds>(now_ - start).count() << " s";
    now_ += 500ms;
  }
  auto d = review(r, pressing);
  EXPECT_TRUE(control::is_retracted(d.setpoint.depth));
  EXPECT_TRUE(d.acted(Rule::compression_time));
  // Off the back for less than the release time: still refused.
  const Place lifted{.travel = spot};
  for (int i = 0; i < 19; ++i) {  // 0 .. 9 s off the back
    now_ += 500ms;
    EXPECT_TRUE(review(r, lifted).acted(Rule::compression_time));
  }
  now_ += 1s;  // ten seconds off the back: the spot may be pressed again
  d = review(r, lifted);
  EXPECT_FALSE(d.acted(Rule::compression_time));
  EXPECT_TRUE(d.engage_depth);
}

TEST_F(SupervisorTest, LiftingForAMomentDoesNotRestartTheHoldsCount) {
  const auto spot = at(VertebralLevel::T8);
  const auto r = press(spot, units::Newtons(20.0));
  const auto start = now_;
  while (now_ - start < 88s) {
    const auto into = (now_ - start) % 10s;
    const bool lift = into >= 5s && into < 6s;  // off the back one second in ten
    review(r, {.travel = spot, .force = units::Newtons(lift ? 0.0 : 20.0)});
    now_ += 500ms;
  }
  EXPECT_TRUE(
      review(r, {.travel = spot, .force = units::Newtons(20.0)}).acted(Rule::compression_time));
}

TEST_F(SupervisorTest, AnotherSpotHasItsOwnCount) {
  const auto first = at(VertebralLevel::T8);
  const auto second = first + units::Millimetres(30.0);
  const auto start = now_;
  while (now_ - start < 60s) {
    review(press(first, units::Newtons(20.0)), {.travel = first, .force = units::Newtons(20.0)});
    now_ += 500ms;
  }
  while (now_ - start < 120s) {
    const auto d = review(press(second, units::Newtons(20.0)),
                          {.travel = second, .force = units::Newtons(20.0)});
    ASSERT_FALSE(d.acted(Rule::compression_time));
    now_ += 500ms;
  }
}

TEST_F(SupervisorTest, TheSessionsEndRetractsAndStopsEverything) {
  supervisor_.session().start(now_);
  auto r = press(at(VertebralLevel::T6), units::Newtons(20.0));
  r.setpoint.knead = units::Rpm(40.0);
  now_ += 14min + 59s;
  EXPECT_FALSE(review(r).session_over);
  now_ += 1s;
  const auto d = review(r);
  EXPECT_TRUE(d.session_over);
  EXPECT_TRUE(control::is_retracted(d.setpoint.depth));
  EXPECT_EQ(d.setpoint.knead, units::Rpm(0.0));
  EXPECT_EQ(d.setpoint.tap, units::Rpm(0.0));
  EXPECT_TRUE(d.acted(Rule::session_time));
}

TEST_F(SupervisorTest, RulesThatActAreNamedForTheApi) {
  EXPECT_EQ(safety::to_string(Rule::midline), "midline");
  EXPECT_EQ(safety::to_string(Rule::kidney_tapping), "kidney_tapping");
  EXPECT_EQ(safety::to_string(Verdict::refused), "refused");
}

TEST_F(SupervisorTest, AnUnusableCalibrationIsRefused) {
  auto broken = valid_calibration();
  broken.force.gain = 0.0;
  EXPECT_THROW(supervisor_.set_calibration(broken), std::invalid_argument);
  broken = valid_calibration();
  broken.travel.max = units::Millimetres(-5.0);
  EXPECT_THROW(supervisor_.set_calibration(broken), std::invalid_argument);
  EXPECT_TRUE(supervisor_.calibration().valid);
}

}  // namespace
