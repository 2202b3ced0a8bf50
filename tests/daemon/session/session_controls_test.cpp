// The person's shoulder position: a nudge moves the work at once, is kept for them, and is
// added to the fresh scan of their next session, after a restart of the daemon too.

#include "daemon/session/session_controls.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "daemon/session/body_scan.hpp"
#include "support/temp_directory.hpp"
#include "tests/daemon/session/session_rig.hpp"

namespace {

using anatomy::VertebralLevel;
using control_test::ChairRig;
using hal::AxisKind;
using test_support::TempDirectory;
using namespace std::chrono_literals;
using session::SessionControls;
using session::ShoulderStore;
using testing::HasSubstr;

const std::string kHoldAtT6 = R"(
[[step]]
technique = "compression"
level = "T6"
side = "both"
muscle = "longissimus"
intensity = 5
hold_s = 60
increments = 1
release_s = 10
repeats = 1
)";

double t6_of(const ChairRig& rig, units::Millimetres shoulder) {
  return bodymap::BodyMap(shoulder, session_test::setup_of(rig).geometry)
      .travel_of(VertebralLevel::T6)
      .value();
}

bool run_until_holding(ChairRig& rig, const SessionControls& controls) {
  return rig.run_until([&] { return controls.progress().doing.starts_with("holding"); }, 3min);
}

TEST(SessionControls, ANudgeMovesTheWorkAndIsKeptForTheNextSessionAfterARestart) {
  TempDirectory state;
  const auto body = sim::body_of_size(sim::BodySize::medium);
  units::Millimetres first_scan{0.0};
  {
    ChairRig rig(session_test::options_for(body));
    ASSERT_TRUE(rig.bring_to_ready());
    auto store = std::make_shared<ShoulderStore>(state / "people");
    session::SessionOptions anna;
    anna.person = "anna";
    auto controls =
        session_test::start_session(rig, session_test::program_of(kHoldAtT6), anna, store);
    ASSERT_TRUE(run_until_holding(rig, controls));
    first_scan = controls.progress().shoulder->scanned;
    EXPECT_EQ(controls.progress().shoulder->nudge_steps, 0);

    const auto reply = controls.nudge_shoulder(+2);
    ASSERT_TRUE(reply.accepted) << reply.message;
    EXPECT_THAT(reply.message, HasSubstr("kept for anna's next session"));
    // The spot moves with the shoulders: the rollers come off, move down and press again.
    rig.cycle();
    ASSERT_TRUE(run_until_holding(rig, controls));
    const auto nudged = first_scan + units::Millimetres(20.0);
    EXPECT_EQ(controls.progress().shoulder->travel(), nudged);
    EXPECT_NEAR(rig.truth(AxisKind::travel).position.value(), t6_of(rig, nudged), 1.0);
    ASSERT_TRUE(rig.answer(rig.controller().stop_session()).accepted);
  }
  // The daemon restarts: a new store reads the same state directory; anna sits down again.
  ChairRig rig(session_test::options_for(body));
  ASSERT_TRUE(rig.bring_to_ready());
  auto store = std::make_shared<ShoulderStore>(state / "people");
  session::SessionOptions anna;
  anna.person = "anna";
  auto controls =
      session_test::start_session(rig, session_test::program_of(kHoldAtT6), anna, store);
  ASSERT_TRUE(run_until_holding(rig, controls));
  const auto shoulder = *controls.progress().shoulder;
  EXPECT_EQ(shoulder.nudge_steps, 2);
  EXPECT_NEAR(shoulder.scanned.value(), first_scan.value(), 1.0);  // a fresh scan, same person
  EXPECT_NEAR(rig.truth(AxisKind::travel).position.value(), t6_of(rig, shoulder.travel()), 1.0);
}

TEST(SessionControls, SomeoneElseGetsTheScanAlone) {
  TempDirectory state;
  auto store = std::make_shared<ShoulderStore>(state / "people");
  ASSERT_TRUE(
      store->keep("anna", session::KeptShoulder{3, units::Millimetres(470.0), std::nullopt}));
  ChairRig rig(session_test::options_for(sim::body_of_size(sim::BodySize::medium)));
  ASSERT_TRUE(rig.bring_to_ready());
  session::SessionOptions bob;
  bob.person = "bob";
  auto controls = session_test::start_session(rig, session_test::program_of(kHoldAtT6), bob, store);
  ASSERT_TRUE(run_until_holding(rig, controls));
  EXPECT_EQ(controls.progress().shoulder->nudge_steps, 0);
}

// Paused part-way up the back, the scan's rollers are drawn back and its force falls as it
// does past the shoulders; the person may move too. On resume the scan starts again from the
// lower back and finds the true shoulders, not the place where it was paused.
TEST(SessionControls, AScanPausedPartWayStartsAgainAndFindsTheShoulders) {
  const auto body = sim::body_of_size(sim::BodySize::medium);
  ChairRig rig(session_test::options_for(body));
  ASSERT_TRUE(rig.bring_to_ready());
  auto controls = session_test::start_session(rig, session_test::program_of(kHoldAtT6), {}, {});
  ASSERT_TRUE(rig.run_until(
      [&] { return controls.progress().doing == "scanning: climbing the back"; }, 1min));
  rig.run_for(4s);
  const auto paused_at = rig.truth(AxisKind::travel).position;
  ASSERT_GT(paused_at.value(), body.shoulder_travel.value() + 100.0) << "paused too late";
  ASSERT_TRUE(rig.answer(rig.controller().pause()).accepted);
  rig.run_for(20s);
  ASSERT_TRUE(rig.answer(rig.controller().resume()).accepted);
  ASSERT_TRUE(run_until_holding(rig, controls));
  ASSERT_TRUE(controls.progress().shoulder.has_value());
  EXPECT_NEAR(controls.progress().shoulder->scanned.value(), body.shoulder_travel.value(),
              session::kScanTolerance.value());
  EXPECT_TRUE(rig.chair().observer_saw_body_scan());
  const auto seen = rig.chair().observer_findings();
  EXPECT_TRUE(seen.empty()) << seen.front().describe();
}

TEST(SessionControls, ANudgeOfAnAnonymousSessionWorksButIsNotKept) {
  TempDirectory state;
  auto store = std::make_shared<ShoulderStore>(state / "people");
  ChairRig rig(session_test::options_for(sim::body_of_size(sim::BodySize::medium)));
  ASSERT_TRUE(rig.bring_to_ready());
  auto controls = session_test::start_session(rig, session_test::program_of(kHoldAtT6), {}, store);
  ASSERT_TRUE(run_until_holding(rig, controls));
  const auto reply = controls.nudge_shoulder(-1);
  ASSERT_TRUE(reply.accepted) << reply.message;
  EXPECT_THAT(reply.message, HasSubstr("not kept: no person was named"));
  EXPECT_FALSE(std::filesystem::exists(state / "people"));
  EXPECT_EQ(controls.progress().shoulder.has_value(), true);
  rig.cycle();
  EXPECT_EQ(controls.progress().shoulder->nudge_steps, -1);
}

TEST(SessionControls, HowTheScanFittedABackThatLeavesTheRollersIsKeptForThePerson) {
  TempDirectory state;
  auto store = std::make_shared<ShoulderStore>(state / "people");
  ChairRig rig(session_test::options_for(session_test::short_back()));
  ASSERT_TRUE(rig.bring_to_ready());
  session::SessionOptions carl;
  carl.person = "carl";
  auto controls =
      session_test::start_session(rig, session_test::program_of(kHoldAtT6), carl, store);
  controls.keep_fit();  // nothing to keep before the scan has placed the body
  EXPECT_FALSE(std::filesystem::exists(state / "people"));
  ASSERT_TRUE(run_until_holding(rig, controls));
  const auto fitted = controls.progress();
  ASSERT_TRUE(fitted.back_end.has_value());
  EXPECT_EQ(*fitted.s1, *fitted.back_end - bodymap::kBackEndMargin);

  controls.keep_fit();
  auto kept = store->load("carl");
  ASSERT_TRUE(kept && kept->has_value()) << (kept ? "nothing kept" : kept.error());
  EXPECT_EQ(**kept, (session::KeptShoulder{0, fitted.shoulder->travel(), fitted.back_end}));

  // A nudge moves the shoulders; the levels still end where the back leaves the rollers.
  ASSERT_TRUE(controls.nudge_shoulder(-1).accepted);
  rig.cycle();
  EXPECT_EQ(controls.progress().s1, fitted.s1);
  kept = store->load("carl");
  ASSERT_TRUE(kept && kept->has_value());
  EXPECT_EQ((*kept)->nudge_steps, -1);
  EXPECT_EQ((*kept)->last_back_end, fitted.back_end);
}

}  // namespace
