// The program executor on the simulated chair over Modbus TCP, in stepped time: a compression
// lands where the body map and the simulated body put its level and muscle; it presses in
// increments, takes up the slack as the tissue relaxes and reports the spot released; and the
// person's controls each show their effect: pause, stop, extend, stronger and lighter, the focus,
// "that's tender" and "hold here"; tapping never runs over the kidneys.

#include "daemon/session/program_executor.hpp"

#include <algorithm>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include "daemon/session/body_scan.hpp"
#include "daemon/session/compression_runner.hpp"
#include "daemon/session/pressing_force.hpp"
#include "tests/daemon/session/session_rig.hpp"

namespace {

using anatomy::Side;
using anatomy::VertebralLevel;
using control::ChairState;
using control_test::ChairRig;
using hal::AxisKind;
using namespace std::chrono_literals;
using session::SessionControls;
using session::SessionPhase;
using session_test::contact;
using session_test::options_for;
using session_test::program_of;
using testing::HasSubstr;
using testing::StartsWith;

// One trigger point on the longissimus at T6, held 45 s in two rises to intensity 6.
std::string hold_at_t6(int repeats) {
  return R"(
[[step]]
technique = "compression"
level = "T6"
side = "both"
muscle = "longissimus"
intensity = 6
hold_s = 45
increments = 2
release_s = 10
repeats = )" +
         std::to_string(repeats) + "\n";
}

const sim::BodyConfig kMedium = sim::body_of_size(sim::BodySize::medium);

// The force an intensity means at T6 of the body the session placed (a thoracic level).
double force_at_t6(const ChairRig& rig, const SessionControls& controls, int intensity) {
  const auto p = controls.progress();
  const bodymap::BodyMap body(p.shoulder->travel(), session_test::setup_of(rig).geometry);
  const auto t6 = body.travel_of(VertebralLevel::T6);
  return session::force_of(intensity, session::region_ceiling(rig.options().limits, body, t6, t6))
      .value();
}

bodymap::BodyMap fitted_body(const ChairRig& rig, const SessionControls& controls) {
  return bodymap::BodyMap(controls.progress().shoulder->travel(),
                          session_test::setup_of(rig).geometry);
}

bool run_until_doing(ChairRig& rig, const SessionControls& controls, const std::string& prefix,
                     std::chrono::nanoseconds limit) {
  const bool found =
      rig.run_until([&] { return controls.progress().doing.starts_with(prefix); }, limit);
  EXPECT_TRUE(found) << "never \"" << prefix << "\"; now: " << controls.progress().doing << " ("
                     << rig.controller().status().describe() << ")";
  return found;
}

double truth_travel(const ChairRig& rig) { return rig.truth(AxisKind::travel).position.value(); }
double truth_lateral(const ChairRig& rig) {
  return rig.truth(AxisKind::width).position.value() / 2.0;
}

// The contact force the last reviewed setpoint asked of the depth drive, if it pressed with one.
std::optional<double> commanded_force(ChairRig& rig) {
  const auto decision = rig.controller().last_decision();
  if (!decision) return std::nullopt;
  const auto* force = std::get_if<control::DepthForce>(&decision->setpoint.depth);
  if (force == nullptr) return std::nullopt;
  return force->force.value();
}

TEST(ProgramExecutor, ACompressionLandsAtItsLevelAndMuscleOnEveryBody) {
  for (const auto size : {sim::BodySize::small, sim::BodySize::medium, sim::BodySize::large}) {
    SCOPED_TRACE(static_cast<int>(size));
    ChairRig rig(options_for(sim::body_of_size(size)));
    ASSERT_TRUE(rig.bring_to_ready());
    auto controls = session_test::start_session(rig, program_of(hold_at_t6(1)));
    ASSERT_TRUE(run_until_doing(rig, controls, "holding, 2nd", 3min));
    rig.run_for(5s);
    // Where this chair's body map puts T6, and the longissimus 3.25 cm from the midline.
    EXPECT_NEAR(truth_travel(rig), fitted_body(rig, controls).travel_of(VertebralLevel::T6).value(),
                1.0);
    EXPECT_NEAR(truth_lateral(rig), 32.5, 1.0);
    // Where T6 of the simulated person truly lies, within what the scan may miss by.
    EXPECT_NEAR(truth_travel(rig), rig.body_map().travel_of(VertebralLevel::T6).value(),
                session::kScanTolerance.value());
    EXPECT_NEAR(contact(rig), force_at_t6(rig, controls, 6), 1.5);
    const auto p = controls.progress();
    ASSERT_TRUE(p.zone.has_value());
    EXPECT_EQ(session::to_string(*p.zone), "T6, longissimus, both sides");
    EXPECT_EQ(p.technique, "compression");
    EXPECT_EQ(p.intensity, 6);
  }
}

TEST(ProgramExecutor, PressesInIncrementsAndTakesUpTheSlackUntilTheSpotReleases) {
  ChairRig rig(options_for(kMedium));
  ASSERT_TRUE(rig.bring_to_ready());
  auto controls = session_test::start_session(rig, program_of(hold_at_t6(1)));
  ASSERT_TRUE(run_until_doing(rig, controls, "holding, 1st", 3min));
  rig.run_for(3s);
  EXPECT_NEAR(contact(rig), force_at_t6(rig, controls, 6) / 2.0, 1.0);  // the first rise: half
  ASSERT_TRUE(run_until_doing(rig, controls, "holding, 2nd", 30s));
  const double full = force_at_t6(rig, controls, 6);
  const double depth_at_start = rig.truth(AxisKind::depth).position.value();
  double lowest = 1e9;
  double highest = 0.0;
  while (controls.progress().doing.starts_with("holding, 2nd")) {
    rig.cycle();
    lowest = std::min(lowest, contact(rig));
    highest = std::max(highest, contact(rig));
  }
  // The rollers went deeper while the force stayed where it was: the tissue released.
  const double depth_at_end = rig.truth(AxisKind::depth).position.value();
  EXPECT_GE(depth_at_end - depth_at_start, 3 * session::kTakeUp.value() - 0.1);
  EXPECT_GT(lowest, full - 1.5);
  EXPECT_LT(highest, full + 1.5);
  const auto p = controls.progress();
  ASSERT_EQ(p.released.size(), 1U);
  EXPECT_EQ(p.released[0].level, VertebralLevel::T6);
  EXPECT_EQ(p.released[0].side, Side::both);
  EXPECT_GE(p.released[0].take_ups, session::kReleasedTakeUps);
  EXPECT_GE(p.released[0].advance.value(), 3 * session::kTakeUp.value() - 1e-9);
  ASSERT_TRUE(session_test::run_until_ready(rig, 2min));
  EXPECT_EQ(controls.progress().phase, SessionPhase::finished);
}

TEST(ProgramExecutor, APauseTakesTheRollersOffAndStopsTheProgramsClock) {
  ChairRig rig(options_for(kMedium));
  ASSERT_TRUE(rig.bring_to_ready());
  auto controls = session_test::start_session(rig, program_of(hold_at_t6(1)));
  ASSERT_TRUE(run_until_doing(rig, controls, "holding, 2nd", 3min));
  ASSERT_TRUE(rig.answer(rig.controller().pause()).accepted);
  rig.run_for(3s);
  EXPECT_LT(contact(rig), 0.5);
  const auto paused_at = controls.progress().elapsed;
  const auto remaining = controls.progress().remaining;
  rig.run_for(60s);
  EXPECT_EQ(controls.progress().elapsed, paused_at);
  EXPECT_EQ(controls.progress().remaining, remaining);
  ASSERT_TRUE(rig.answer(rig.controller().resume()).accepted);
  // The hold carries on where it was: the rollers find the back and press again.
  EXPECT_TRUE(
      rig.run_until([&] { return contact(rig) > force_at_t6(rig, controls, 6) - 2.0; }, 10s));
  EXPECT_THAT(controls.progress().doing, HasSubstr("2nd of 2 increments"));
  ASSERT_TRUE(session_test::run_until_ready(rig, 2min));
  EXPECT_EQ(controls.progress().phase, SessionPhase::finished);
}

TEST(ProgramExecutor, AStopReleasesTheBackParksAndEndsTheProgram) {
  ChairRig rig(options_for(kMedium));
  ASSERT_TRUE(rig.bring_to_ready());
  auto controls = session_test::start_session(rig, program_of(hold_at_t6(2)));
  ASSERT_TRUE(run_until_doing(rig, controls, "holding, 1st", 3min));
  ASSERT_GT(contact(rig), 3.0);
  const auto stopped = rig.answer(rig.controller().stop_session());
  ASSERT_TRUE(stopped.accepted) << stopped.message;
  ASSERT_TRUE(session_test::run_until_ready(rig, 30s));
  EXPECT_LT(contact(rig), 0.5);
  EXPECT_NEAR(truth_travel(rig), rig.options().limits.range_margin.value(), 1.0);  // parked
  const auto p = controls.progress();
  EXPECT_EQ(p.phase, SessionPhase::ended);
  EXPECT_EQ(p.outcome, "the session ended before the program finished");
  EXPECT_FALSE(controls.hold_here().accepted);
}

TEST(ProgramExecutor, AnExtensionAddsFiveMinutesUpToTheMaximum) {
  ChairRig rig(options_for(kMedium));
  ASSERT_TRUE(rig.bring_to_ready());
  auto controls = session_test::start_session(rig, program_of(hold_at_t6(2)));
  rig.run_for(10s);
  const auto before = rig.controller().session_remaining();
  const auto extended = rig.answer(rig.controller().extend_session());
  ASSERT_TRUE(extended.accepted) << extended.message;
  rig.cycle();
  const auto after = rig.controller().session_remaining();
  EXPECT_NEAR(std::chrono::duration<double>(after - before).count(), 300.0, 1.0);
  control::CommandReply reply{true, ""};
  for (int i = 0; i < 10 && reply.accepted; ++i) {
    reply = rig.answer(rig.controller().extend_session());
  }
  EXPECT_FALSE(reply.accepted);
  EXPECT_THAT(reply.message, HasSubstr("30 min"));
  EXPECT_EQ(rig.state(), ChairState::running);
}

TEST(ProgramExecutor, LessEasesOffWithinOneCycleAndMorePressesHarder) {
  ChairRig rig(options_for(kMedium));
  ASSERT_TRUE(rig.bring_to_ready());
  auto controls = session_test::start_session(rig, program_of(hold_at_t6(1)));
  ASSERT_TRUE(run_until_doing(rig, controls, "holding, 2nd", 3min));
  ASSERT_TRUE(controls.less().accepted);
  rig.cycle();
  const auto force = commanded_force(rig);
  ASSERT_TRUE(force.has_value());
  EXPECT_NEAR(*force, force_at_t6(rig, controls, 5), 0.01);
  EXPECT_EQ(controls.progress().intensity, 5);
  EXPECT_EQ(controls.progress().intensity_shift, -1);
  rig.run_for(2s);
  EXPECT_NEAR(contact(rig), force_at_t6(rig, controls, 5), 1.0);

  ASSERT_TRUE(controls.more().accepted);
  ASSERT_TRUE(controls.more().accepted);
  ASSERT_TRUE(controls.more().accepted);
  rig.run_for(4s);
  EXPECT_EQ(controls.progress().intensity, 8);
  EXPECT_NEAR(contact(rig), force_at_t6(rig, controls, 8), 1.5);
}

TEST(ProgramExecutor, TheFocusMovesTheWorkALevelDownTheBack) {
  ChairRig rig(options_for(kMedium));
  ASSERT_TRUE(rig.bring_to_ready());
  auto controls = session_test::start_session(rig, program_of(hold_at_t6(1)));
  ASSERT_TRUE(run_until_doing(rig, controls, "holding, 1st", 3min));
  ASSERT_TRUE(controls.focus_down().accepted);
  rig.cycle();
  EXPECT_EQ(controls.progress().zone->top, VertebralLevel::T7);
  ASSERT_TRUE(run_until_doing(rig, controls, "holding, 1st", 20s));
  EXPECT_NEAR(truth_travel(rig), fitted_body(rig, controls).travel_of(VertebralLevel::T7).value(),
              1.0);
  EXPECT_GT(contact(rig), 3.0);
  EXPECT_EQ(controls.progress().focus_shift, 1);
}

TEST(ProgramExecutor, ATenderSpotEasesOffAtOnceAndStaysGentlerForTheSession) {
  ChairRig rig(options_for(kMedium));
  ASSERT_TRUE(rig.bring_to_ready());
  auto controls = session_test::start_session(rig, program_of(hold_at_t6(2)));
  ASSERT_TRUE(run_until_doing(rig, controls, "holding, 2nd", 3min));
  ASSERT_GT(contact(rig), force_at_t6(rig, controls, 6) - 1.5);
  ASSERT_TRUE(controls.tender().accepted);
  rig.cycle();  // the loop's next cycle already presses less
  const auto force = commanded_force(rig);
  ASSERT_TRUE(force.has_value());
  const double eased = force_at_t6(rig, controls, 6 - session::kTenderEasing);
  EXPECT_NEAR(*force, eased, 0.01);
  EXPECT_TRUE(rig.run_until([&] { return contact(rig) < eased + 1.0; }, 1s));
  const auto p = controls.progress();
  ASSERT_EQ(p.tender.size(), 1U);
  EXPECT_EQ(p.tender[0], (session::TenderSpot{VertebralLevel::T6, Side::both, 4}));
  EXPECT_EQ(p.intensity, 4);
  // The second hold on the same spot stays at the gentler force.
  ASSERT_TRUE(run_until_doing(rig, controls, "releasing", 40s));
  ASSERT_TRUE(run_until_doing(rig, controls, "holding, 2nd of 2 increments", 60s));
  double highest = 0.0;
  while (controls.progress().doing.starts_with("holding, 2nd")) {
    rig.cycle();
    highest = std::max(highest, contact(rig));
  }
  EXPECT_LT(highest, eased + 1.5);
}

TEST(ProgramExecutor, HoldHereStopsTheRollingForACompressionThenRollingCarriesOn) {
  ChairRig rig(options_for(kMedium));
  ASSERT_TRUE(rig.bring_to_ready());
  auto controls = session_test::start_session(rig, program_of(R"(
[[step]]
technique = "rolling"
top = "T3"
bottom = "T9"
muscle = "longissimus"
intensity = 4
speed_cm_s = 3
passes = 4
)"));
  ASSERT_TRUE(run_until_doing(rig, controls, "rolling up, pass 2", 3min));
  rig.run_for(2s);
  const double spot = truth_travel(rig);
  ASSERT_TRUE(controls.hold_here().accepted);
  rig.cycle();
  EXPECT_TRUE(controls.progress().holding_here);
  EXPECT_EQ(controls.progress().technique, "compression");
  ASSERT_TRUE(run_until_doing(rig, controls, "holding, 2nd", 30s));
  // Where the rollers were when the loop took the request: a cycle's rolling at 3 cm/s away.
  EXPECT_NEAR(truth_travel(rig), spot, 30.0 * 0.1 + 2.0);
  // A compression at the rolling's intensity, pressed as a compression presses.
  const auto body = fitted_body(rig, controls);
  const auto here = units::Millimetres(truth_travel(rig));
  const double expected =
      session::force_of(4, session::region_ceiling(rig.options().limits, body, here, here)).value();
  rig.run_for(2s);
  EXPECT_NEAR(contact(rig), expected, 1.5);
  ASSERT_TRUE(rig.run_until([&] { return !controls.progress().holding_here; }, 60s));
  EXPECT_EQ(controls.progress().technique, "rolling");
  ASSERT_TRUE(run_until_doing(rig, controls, "rolling", 20s));
  ASSERT_TRUE(session_test::run_until_ready(rig, 3min));
  EXPECT_EQ(controls.progress().phase, SessionPhase::finished);
}

TEST(ProgramExecutor, TappingNeverRunsOverTheKidneysEvenWithTheFocusMovedThere) {
  ChairRig rig(options_for(kMedium));
  ASSERT_TRUE(rig.bring_to_ready());
  auto controls = session_test::start_session(rig, program_of(R"(
[[step]]
technique = "tapping"
top = "T4"
bottom = "T11"
muscle = "longissimus"
intensity = 3
frequency_hz = 5
duration_s = 60
)"));
  // Moved two levels down, the span reaches T6 to L1: into the kidneys' zone, T12 to L3.
  for (int i = 0; i < 2; ++i) ASSERT_TRUE(controls.focus_down().accepted);
  const auto truth = rig.body_map();
  double fastest_over_kidneys = 0.0;
  double fastest = 0.0;
  while (rig.state() == ChairState::running) {
    rig.cycle();
    const double tap = std::abs(rig.truth(AxisKind::tap).speed.value());
    fastest = std::max(fastest, tap);
    if (truth.region_at(units::Millimetres(truth_travel(rig))) == anatomy::Region::kidney) {
      fastest_over_kidneys = std::max(fastest_over_kidneys, tap);
    }
  }
  EXPECT_NEAR(fastest, 300.0, 5.0);  // five beats a second where it may tap
  EXPECT_LT(fastest_over_kidneys, 1.0);
  // The chair's own safety observer, judging by the person's own anatomy rather than the body
  // map, saw no tapping over the kidneys and nothing else unsafe either.
  const auto seen = rig.chair().observer_findings();
  EXPECT_TRUE(seen.empty()) << seen.front().describe();
  EXPECT_EQ(controls.progress().phase, SessionPhase::finished);
  EXPECT_FALSE(rig.controller().status().fault.has_value());
}

TEST(ProgramExecutor, HoldHereAndNudgesWaitUntilTheScanHasPlacedTheBody) {
  ChairRig rig(options_for(kMedium));
  ASSERT_TRUE(rig.bring_to_ready());
  auto controls = session_test::start_session(rig, program_of(hold_at_t6(1)));
  rig.run_for(2s);
  EXPECT_EQ(controls.progress().phase, SessionPhase::scanning);
  const auto refused = controls.hold_here();
  EXPECT_FALSE(refused.accepted);
  EXPECT_THAT(refused.message, HasSubstr("the body scan is still finding your shoulders"));
  EXPECT_FALSE(controls.nudge_shoulder(1).accepted);
}

TEST(ProgramExecutor, WhenTheScanFindsNobodyTheSessionEndsAndSaysWhy) {
  auto body = kMedium;
  body.seated = false;
  ChairRig rig(options_for(body));
  ASSERT_TRUE(rig.bring_to_ready());
  auto controls = session_test::start_session(rig, program_of(hold_at_t6(1)));
  ASSERT_TRUE(session_test::run_until_ready(rig, 3min));
  const auto p = controls.progress();
  EXPECT_EQ(p.phase, SessionPhase::ended);
  EXPECT_THAT(p.outcome, HasSubstr("found nobody in the chair"));
  EXPECT_EQ(rig.controller().status().state, ChairState::ready);
}

}  // namespace

namespace {

// How a program went on a back that leaves the rollers above the seat, watched from outside.
struct NoBackRun {
  double longest_at_reach_s = 0.0;  // the rollers out at full reach, touching nothing
  // The estimate of the time left, against the time that really was left, once the first part
  // had been skipped: its largest overstatement.
  double most_overstated_s = 0.0;
  std::string log;
};

NoBackRun run_to_the_end(ChairRig& rig, const SessionControls& controls) {
  std::ostringstream log;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(log);
  spdlog::default_logger()->sinks().push_back(sink);
  NoBackRun run;
  std::vector<std::pair<double, double>> estimates;  // elapsed, remaining; after a skip
  double at_reach_since = -1.0;
  while (rig.state() == ChairState::running) {
    rig.cycle();
    const double now = std::chrono::duration<double>(rig.clock().now().time_since_epoch()).count();
    const bool at_reach =
        rig.truth(AxisKind::depth).position.value() >= session::kBackReach.value() - 1.0 &&
        contact(rig) < 0.5;
    if (!at_reach) at_reach_since = -1.0;
    if (at_reach && at_reach_since < 0.0) at_reach_since = now;
    if (at_reach) run.longest_at_reach_s = std::max(run.longest_at_reach_s, now - at_reach_since);
    const auto p = controls.progress();
    if (!p.skipped.empty() && p.phase == SessionPhase::massaging) {
      estimates.emplace_back(std::chrono::duration<double>(p.elapsed).count(),
                             std::chrono::duration<double>(p.remaining).count());
    }
  }
  const double total = std::chrono::duration<double>(controls.progress().elapsed).count();
  for (const auto& [elapsed, remaining] : estimates) {
    run.most_overstated_s = std::max(run.most_overstated_s, remaining - (total - elapsed));
  }
  auto& sinks = spdlog::default_logger()->sinks();
  sinks.erase(std::find(sinks.begin(), sinks.end(), sink));
  run.log = log.str();
  return run;
}

const std::string kLowerBackOnly = R"(
[[step]]
technique = "rolling"
top = "L4"
bottom = "S1"
muscle = "longissimus"
intensity = 4
speed_cm_s = 3
passes = 6

[[step]]
technique = "compression"
level = "L5"
side = "both"
muscle = "multifidus"
intensity = 5
hold_s = 45
increments = 2
release_s = 10
repeats = 2

[[step]]
technique = "compression"
level = "T6"
side = "both"
muscle = "longissimus"
intensity = 4
hold_s = 20
increments = 1
release_s = 10
repeats = 1
)";

TEST(ProgramExecutor, AStepWhoseZoneHasNoBackIsSkippedWithItsReasonAndTheProgramGoesOn) {
  // A back that ends well above where the chair puts S1, and levels placed where the chair
  // assumes them, as when the scan's fit is wrong: L4 to S1 lie where the back curves away.
  const auto body = session_test::short_back();
  ChairRig rig(options_for(body));
  ASSERT_TRUE(rig.bring_to_ready());
  auto controls =
      session_test::start_program_unfitted(rig, program_of(kLowerBackOnly), body.shoulder_travel);
  const auto run = run_to_the_end(rig, controls);

  const auto p = controls.progress();
  EXPECT_EQ(p.phase, SessionPhase::finished) << p.outcome;
  ASSERT_EQ(p.skipped.size(), 2U);
  EXPECT_EQ(p.skipped[0].step, 1U);
  EXPECT_EQ(p.skipped[0].technique, "rolling");
  EXPECT_EQ(p.skipped[1].step, 2U);
  EXPECT_EQ(p.skipped[1].technique, "compression");
  EXPECT_EQ(session::reason(p.skipped[1]), "no contact at L5: the rest of this step is skipped");
  // The back truly leaves the rollers where the skipped parts are.
  const auto chair_map =
      bodymap::BodyMap(body.shoulder_travel, session_test::setup_of(rig).geometry);
  const auto leaves = session_test::where_the_back_leaves(body, units::Millimetres(32.5));
  for (const auto& part : p.skipped) {
    EXPECT_GT(chair_map.travel_of(part.level).value(), leaves.value() - 40.0) << reason(part);
    EXPECT_THAT(run.log, HasSubstr(session::reason(part)));
  }
  EXPECT_THAT(run.log, HasSubstr("step 2 of 3 (compression, L5, multifidus, both sides)"));
  // A bounded search: never longer at full reach than the search takes, and the step at T6,
  // where there is a back, pressed as it should.
  EXPECT_LT(run.longest_at_reach_s, std::chrono::duration<double>(session::kLongestSearch).count());
  EXPECT_EQ(p.step_index + 1, 3U);
  // Once a part was skipped, the time left never counts what will not be done.
  EXPECT_LT(run.most_overstated_s, 15.0);
}

const std::string kDownTheLowerBack = R"(
[[step]]
technique = "rolling"
top = "L1"
bottom = "L5"
muscle = "longissimus"
intensity = 3
speed_cm_s = 3
passes = 6

[[step]]
technique = "kneading"
top = "L4"
bottom = "L5"
lateral_cm = 4.5
width_cm = 3
intensity = 4
cycles_per_minute = 30
duration_s = 60

[[step]]
technique = "compression"
level = "T8"
side = "both"
muscle = "longissimus"
intensity = 4
hold_s = 20
increments = 1
release_s = 10
repeats = 1
)";

TEST(ProgramExecutor, StrokesTurnShortOfWhereTheBackOfAPersonSittingForwardLeavesTheRollers) {
  const auto body = session_test::sitting_forward();
  ChairRig rig(options_for(body));
  ASSERT_TRUE(rig.bring_to_ready());
  auto controls = session_test::start_program_unfitted(rig, program_of(kDownTheLowerBack),
                                                       body.shoulder_travel);
  const auto leaves = session_test::where_the_back_leaves(body, units::Millimetres(32.5));
  // The rolling keeps to the part of the span with a back, all its passes.
  double lowest_pressed = 0.0;
  ASSERT_TRUE(rig.run_until(
      [&] {
        if (contact(rig) > 1.5) lowest_pressed = std::max(lowest_pressed, truth_travel(rig));
        return controls.progress().step_index > 0;
      },
      5min));
  const auto rolled = controls.progress();
  ASSERT_FALSE(rolled.skipped.empty());
  EXPECT_EQ(rolled.skipped[0].technique, "rolling");
  EXPECT_EQ(rolled.skipped[0].where, session::MissingBack::below);
  EXPECT_EQ(rolled.skipped[0].what, session::SkippedWork::rest_of_stroke);
  EXPECT_NEAR(lowest_pressed, leaves.value(), 40.0);
  const auto run = run_to_the_end(rig, controls);
  const auto p = controls.progress();
  EXPECT_EQ(p.phase, SessionPhase::finished) << p.outcome;
  // The kneading low on the back has no back to work: skipped; the hold at T8 pressed.
  ASSERT_EQ(p.skipped.size(), 2U);
  EXPECT_EQ(p.skipped[1].step, 2U);
  EXPECT_EQ(p.skipped[1].technique, "kneading");
  EXPECT_EQ(p.step_index + 1, 3U);
  EXPECT_LT(run.longest_at_reach_s, std::chrono::duration<double>(session::kLongestSearch).count());
  EXPECT_LT(run.most_overstated_s, 15.0);
}

}  // namespace
