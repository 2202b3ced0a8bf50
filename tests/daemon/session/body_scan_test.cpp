// The body scan on the simulated chair over Modbus TCP, in stepped time: it finds the top of the
// shoulders of small, medium and large people and of shoulders in between, within the stated
// tolerance, never pressing harder than the scan's ceiling; it finds where the back of a person
// sitting forward, or of a back shorter than the chair assumes, leaves the rollers near the seat;
// and it says so clearly when nobody sits in the chair or the shoulders lie above the track.

#include "daemon/session/body_scan.hpp"

#include "daemon/session/session_length.hpp"

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
  std::chrono::nanoseconds took{0};  // from the start to the chair parked again
};

ScanRun scan(ChairRig& rig) {
  const auto setup = session_test::setup_of(rig);
  auto source =
      std::make_unique<BodyScan>(setup.scan, setup.geometry, setup.calibration, setup.limits);
  auto outcome = source->outcome();
  const auto started = rig.answer(rig.controller().start_session(std::move(source)));
  EXPECT_TRUE(started.accepted) << started.message;
  ScanRun run{result::unexpected(session::ScanFailure{ScanProblem::interrupted, "not run"})};
  const auto start = rig.clock().now();
  const auto end = start + 4min;
  while (rig.clock().now() < end && rig.state() != ChairState::ready) {
    rig.cycle();
    run.largest_contact = std::max(run.largest_contact, session_test::contact(rig));
  }
  EXPECT_EQ(rig.state(), ChairState::ready) << rig.controller().status().describe();
  run.took = rig.clock().now() - start;
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
  const double found = run.outcome->shoulders.value();
  const double truth = body.shoulder_travel.value();
  EXPECT_NEAR(found, truth, session::kScanTolerance.value())
      << "shoulders at " << truth << " mm, found at " << found << " mm";
  // Light pressure throughout: the scan's ceiling, with the load cell's noise.
  EXPECT_LT(run.largest_contact, rig.options().limits.body_scan_force.value() + 1.5);
  // Within what a session allows for the scan.
  EXPECT_LT(run.took, session::kScanAllowance);
  // The back reaches down to where the chair puts S1: the levels are placed as it assumes.
  EXPECT_FALSE(run.outcome->back_end.has_value()) << run.outcome->back_end->value();
  // The chair's own safety observer, which knows nothing of the daemon, saw a body scan and
  // nothing unsafe (docs/safety.md, "The safety observer").
  EXPECT_TRUE(rig.chair().observer_saw_body_scan());
  const auto seen = rig.chair().observer_findings();
  EXPECT_TRUE(seen.empty()) << seen.front().describe();
}

// A person whose back leaves the rollers above the seat: the scan finds the shoulders as for
// anyone, and where the back leaves the rollers, within 10 mm of where the simulated back lies
// beyond their reach beside the spine; the press stays light, the back's steep curve there
// adding at most 2.5 N to the scan's ceiling.
void expect_the_backs_end_found(const sim::BodyConfig& body) {
  ChairRig rig(session_test::options_for(body));
  ASSERT_TRUE(rig.bring_to_ready());
  const auto run = scan(rig);
  ASSERT_TRUE(run.outcome) << run.outcome.error().message;
  EXPECT_NEAR(run.outcome->shoulders.value(), body.shoulder_travel.value(),
              session::kScanTolerance.value());
  ASSERT_TRUE(run.outcome->back_end.has_value());
  const auto setup = session_test::setup_of(rig);
  const auto leaves = session_test::where_the_back_leaves(body, setup.scan.lateral);
  EXPECT_NEAR(run.outcome->back_end->value(), leaves.value(), 10.0);
  EXPECT_LT(run.largest_contact, rig.options().limits.body_scan_force.value() + 2.5);
  EXPECT_LT(run.took, session::kScanAllowance)
      << std::chrono::duration<double>(run.took).count() << " s";
  // The levels fit between the shoulders and a little above there.
  const bodymap::BodyMap fitted(run.outcome->shoulders, setup.geometry, run.outcome->back_end);
  EXPECT_EQ(fitted.travel_of(anatomy::VertebralLevel::S1),
            *run.outcome->back_end - bodymap::kBackEndMargin);
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
  // Ten times the cycles of the others: over the in-memory link, the socket is not the point.
  options.link = control_test::RigLink::in_memory;
  expect_shoulders_found(options);
}

TEST(BodyScan, FindsWhereTheBackOfAPersonSittingForwardLeavesTheRollers) {
  expect_the_backs_end_found(session_test::sitting_forward());
}

TEST(BodyScan, FindsWhereABackShorterThanTheChairAssumesLeavesTheRollers) {
  expect_the_backs_end_found(session_test::short_back());
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
