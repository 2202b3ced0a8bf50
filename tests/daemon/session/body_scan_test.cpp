// The body scan on the simulated chair over Modbus TCP, in stepped time: it finds the top of the
// shoulders of small, medium and large people and of shoulders in between, within the stated
// tolerance, never pressing harder than the scan's ceiling, and says so clearly when nobody
// sits in the chair or the shoulders lie above the track.

#include "daemon/session/body_scan.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/daemon/control/chair_rig.hpp"
#include "tests/daemon/session/session_rig.hpp"

namespace {

using control::ChairState;
using control_test::ChairRig;
using namespace std::chrono_literals;
using session::BodyScan;
using session::ScanProblem;
using testing::HasSubstr;

struct ScanRun {
  session::ScanOutcome outcome;
  double largest_contact = 0.0;
};

ScanRun scan(ChairRig& rig) {
  const auto setup = session_test::setup_of(rig);
  auto source =
      std::make_unique<BodyScan>(setup.scan, setup.geometry, setup.calibration, setup.limits);
  auto outcome = source->outcome();
  const auto started = rig.answer(rig.controller().start_session(std::move(source)));
  EXPECT_TRUE(started.accepted) << started.message;
  ScanRun run{result::unexpected(session::ScanFailure{ScanProblem::interrupted, "not run"})};
  const auto end = rig.clock().now() + 4min;
  while (rig.clock().now() < end && rig.state() != ChairState::ready) {
    rig.cycle();
    run.largest_contact = std::max(run.largest_contact, session_test::contact(rig));
  }
  EXPECT_EQ(rig.state(), ChairState::ready) << rig.controller().status().describe();
  if (outcome.wait_for(0s) != std::future_status::ready) {
    ADD_FAILURE() << "the scan gave no outcome";
    return run;
  }
  run.outcome = outcome.get();
  return run;
}

void expect_shoulders_found(const control_test::RigOptions& options) {
  const auto& body = options.body;
  ChairRig rig(options);
  ASSERT_TRUE(rig.bring_to_ready());
  const auto run = scan(rig);
  ASSERT_TRUE(run.outcome) << run.outcome.error().message;
  const double found = run.outcome->value();
  const double truth = body.shoulder_travel.value();
  EXPECT_NEAR(found, truth, session::kScanTolerance.value())
      << "shoulders at " << truth << " mm, found at " << found << " mm";
  // Light pressure throughout: the scan's ceiling, with the load cell's noise.
  EXPECT_LT(run.largest_contact, rig.options().limits.body_scan_force.value() + 1.5);
}

void expect_shoulders_found(const sim::BodyConfig& body) {
  expect_shoulders_found(session_test::options_for(body));
}

sim::BodyConfig shoulders_at(double travel) {
  auto body = sim::body_of_size(sim::BodySize::medium);
  body.shoulder_travel = units::Millimetres(travel);
  return body;
}

TEST(BodyScan, FindsTheShouldersOfASmallPerson) {
  expect_shoulders_found(sim::body_of_size(sim::BodySize::small));
}

TEST(BodyScan, FindsTheShouldersOfAMediumPerson) {
  expect_shoulders_found(sim::body_of_size(sim::BodySize::medium));
}

TEST(BodyScan, FindsTheShouldersOfALargePerson) {
  expect_shoulders_found(sim::body_of_size(sim::BodySize::large));
}

TEST(BodyScan, FindsShouldersBetweenThePresets) {
  for (const double travel : {395.0, 487.0}) {
    SCOPED_TRACE(travel);
    expect_shoulders_found(shoulders_at(travel));
  }
}

TEST(BodyScan, FindsTheShouldersOfAFirmAndOfASoftBack) {
  for (const double stiffness : {0.5, 2.0}) {
    SCOPED_TRACE(stiffness);
    auto body = sim::body_of_size(sim::BodySize::medium);
    body.stiffness_scale = stiffness;
    expect_shoulders_found(body);
  }
}

TEST(BodyScan, FindsTheShouldersAtTheDaemonsUsualControlRateToo) {
  auto options = session_test::options_for(sim::body_of_size(sim::BodySize::medium));
  options.rate_hz = 100;
  expect_shoulders_found(options);
}

TEST(BodyScan, SaysNobodyIsSeatedWhenItTouchesNoBack) {
  auto body = sim::body_of_size(sim::BodySize::medium);
  body.seated = false;
  ChairRig rig(session_test::options_for(body));
  ASSERT_TRUE(rig.bring_to_ready());
  const auto run = scan(rig);
  ASSERT_FALSE(run.outcome);
  EXPECT_EQ(run.outcome.error().problem, ScanProblem::nobody_seated);
  EXPECT_THAT(run.outcome.error().message, HasSubstr("found nobody in the chair"));
  EXPECT_THAT(run.outcome.error().message, HasSubstr("sit back against the backrest"));
}

TEST(BodyScan, SaysTheShouldersLieBeyondTheTrackWhenTheBackGoesOnToTheTop) {
  // A chair whose rollers reach up to 150 mm only, and a tall person whose shoulders are above.
  auto options = session_test::options_for(shoulders_at(120.0));
  options.calibration.travel.min = units::Millimetres(150.0);
  options.power_up.travel = units::Millimetres(200.0);
  ChairRig rig(options);
  ASSERT_TRUE(rig.bring_to_ready());
  const auto run = scan(rig);
  ASSERT_FALSE(run.outcome);
  EXPECT_EQ(run.outcome.error().problem, ScanProblem::shoulders_beyond_track);
  EXPECT_THAT(run.outcome.error().message, HasSubstr("all the way to the top of the track"));
  EXPECT_THAT(run.outcome.error().message, HasSubstr("sit lower in the chair"));
}

TEST(BodyScan, AStoppedScanAnswersInterrupted) {
  ChairRig rig(session_test::options_for(sim::body_of_size(sim::BodySize::medium)));
  ASSERT_TRUE(rig.bring_to_ready());
  const auto setup = session_test::setup_of(rig);
  auto source =
      std::make_unique<BodyScan>(setup.scan, setup.geometry, setup.calibration, setup.limits);
  auto outcome = source->outcome();
  ASSERT_TRUE(rig.answer(rig.controller().start_session(std::move(source))).accepted);
  rig.run_for(5s);
  ASSERT_TRUE(rig.answer(rig.controller().stop_session()).accepted);
  ASSERT_EQ(outcome.wait_for(0s), std::future_status::ready);
  const auto result = outcome.get();
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().problem, ScanProblem::interrupted);
}

}  // namespace
