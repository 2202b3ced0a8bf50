// Every program that ships runs to its end on the simulated chair, over the in-memory link (the
// HAL's Modbus PDUs without a socket; the rig's TCP path is tested elsewhere) and in simulated
// time at the slowest control rate: on a small, a medium and a large body, and on two
// people whose back leaves the rollers above the seat, one sitting forward and one whose back is
// shorter than the chair's geometry assumes. On those two it runs to its end twice: with the body
// scan's fit of their back, and with the levels where the chair assumes them (as when the fit
// is wrong), where the parts without a back are skipped and reported. Each run simulates up to
// 18 minutes of a chair's physics in about a second of processor time.

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "daemon/programs/duration_estimate.hpp"
#include "daemon/session/contact_press.hpp"
#include "daemon/session/program_timeline.hpp"
#include "tests/daemon/session/session_rig.hpp"

namespace {

using control::ChairState;
using control_test::ChairRig;
using hal::AxisKind;
using namespace std::chrono_literals;
using session::SessionPhase;

enum class Body { small, medium, large, sitting_forward, short_back };

struct ProgramOnBody {
  std::string program;
  Body body;
};

std::string body_name(Body body) {
  switch (body) {
    case Body::small:
      return "Small";
    case Body::medium:
      return "Medium";
    case Body::large:
      return "Large";
    case Body::sitting_forward:
      return "SittingForward";
    case Body::short_back:
      return "ShortBack";
  }
  return "Body";
}

sim::BodyConfig config_of(Body body) {
  switch (body) {
    case Body::small:
      return sim::body_of_size(sim::BodySize::small);
    case Body::medium:
      return sim::body_of_size(sim::BodySize::medium);
    case Body::large:
      return sim::body_of_size(sim::BodySize::large);
    case Body::sitting_forward:
      return session_test::sitting_forward();
    case Body::short_back:
      return session_test::short_back();
  }
  return sim::body_of_size(sim::BodySize::medium);
}

// How gtest shows the parameter in CTest's list of tests.
void PrintTo(const ProgramOnBody& p, std::ostream* out) {
  *out << p.program << " on a " << body_name(p.body) << " body";
}

double seconds(std::chrono::nanoseconds d) { return std::chrono::duration<double>(d).count(); }

control_test::RigOptions options_for(Body body) {
  auto options = session_test::options_for(config_of(body));
  options.link = control_test::RigLink::in_memory;
  return options;
}

// A program's run as seen from outside the daemon, and its progress at the end.
struct ProgramRun {
  bool faulted = false;
  double largest_contact = 0.0;
  // The longest the rollers stood out at full reach touching nothing: a step that waits there
  // for a back that is not there would freeze the program.
  double longest_at_reach_s = 0.0;
  // Once the first part was skipped: the most the estimated time left exceeded the time that
  // really was left.
  double most_overstated_s = 0.0;
  session::SessionProgress progress;
};

ProgramRun run_program(ChairRig& rig, const session::SessionControls& controls) {
  ProgramRun run;
  std::vector<std::pair<double, double>> estimates;  // elapsed and remaining, once skipping
  double at_reach_since = -1.0;
  const auto end = rig.clock().now() + 30min;
  while (rig.clock().now() < end && rig.state() != ChairState::ready) {
    rig.cycle();
    run.largest_contact = std::max(run.largest_contact, session_test::contact(rig));
    run.faulted = run.faulted || rig.state() == ChairState::fault;
    const auto p = controls.progress();
    // The scan reaches out climbing where the back may end: only the program's steps count.
    const double now = seconds(rig.clock().now().time_since_epoch());
    const bool at_reach =
        p.phase == SessionPhase::massaging &&
        rig.truth(AxisKind::depth).position.value() >= session::kBackReach.value() - 1.0 &&
        session_test::contact(rig) < 0.5;
    if (!at_reach) at_reach_since = -1.0;
    if (at_reach && at_reach_since < 0.0) at_reach_since = now;
    if (at_reach) run.longest_at_reach_s = std::max(run.longest_at_reach_s, now - at_reach_since);
    if (!p.skipped.empty() && p.phase == SessionPhase::massaging) {
      estimates.emplace_back(seconds(p.elapsed), seconds(p.remaining));
    }
  }
  run.progress = controls.progress();
  const double total = seconds(run.progress.elapsed);
  for (const auto& [elapsed, remaining] : estimates) {
    run.most_overstated_s = std::max(run.most_overstated_s, remaining - (total - elapsed));
  }
  return run;
}

// What every run shows, whatever the body and its fit: the program ran to its end without a
// fault, every step that was not skipped did its work, every part skipped lies where the back
// truly leaves the rollers, no step waited for a back that is not there, the time left stayed
// true, and nothing came near the force at which the chair faults (not even where rollers moving
// along the back meet the shoulder blades' edges).
void expect_ran_to_its_end(ChairRig& rig, const programs::Program& program, const ProgramRun& run,
                           const bodymap::BodyMap& body_map) {
  ASSERT_FALSE(run.faulted) << rig.controller().status().describe();
  ASSERT_EQ(rig.state(), ChairState::ready) << rig.controller().status().describe();
  const auto& p = run.progress;
  EXPECT_EQ(p.phase, SessionPhase::finished) << p.outcome;
  EXPECT_EQ(p.outcome, "the program ran to its end");
  EXPECT_EQ(p.step_count, session::timeline_of(program).size());
  EXPECT_EQ(p.step_index + 1, p.step_count);
  EXPECT_EQ(p.remaining, std::chrono::nanoseconds{0});

  const programs::DurationModel on_this_body{body_map};
  std::chrono::nanoseconds worked{0};
  const auto timeline = session::timeline_of(program);
  for (std::size_t i = 0; i < timeline.size(); ++i) {
    const bool skipped = std::any_of(p.skipped.begin(), p.skipped.end(), [i](const auto& part) {
      return part.step == i + 1 && part.what == session::SkippedWork::rest_of_step;
    });
    if (!skipped) worked += programs::estimated_duration(timeline[i].step, on_this_body);
  }
  EXPECT_GE(p.elapsed, worked * 95 / 100);

  const auto leaves =
      session_test::where_the_back_leaves(rig.chair().body(), units::Millimetres(35));
  for (const auto& part : p.skipped) {
    EXPECT_GT(body_map.travel_of(part.level).value(), leaves.value() - 50.0)
        << "step " << part.step << ": " << session::reason(part);
  }
  EXPECT_LT(run.longest_at_reach_s, seconds(session::kLongestSearch));
  // Once a part was skipped, the estimate counts no part known to be without a back: it may
  // still count a part whose back is found missing later.
  EXPECT_LT(run.most_overstated_s, 45.0);
  EXPECT_LT(run.largest_contact, rig.options().limits.force_fault.value() * 0.75);
}

class ShippedProgram : public testing::TestWithParam<ProgramOnBody> {};

TEST_P(ShippedProgram, RunsToItsEnd) {
  const auto& [id, body] = GetParam();
  const auto program = session_test::shipped_program(id);
  ChairRig rig(options_for(body));
  ASSERT_TRUE(rig.bring_to_ready());
  const auto controls = session_test::start_session(rig, program);
  const auto run = run_program(rig, controls);
  const auto& p = run.progress;
  ASSERT_TRUE(p.shoulder.has_value());
  const bool leaves_above_seat = body == Body::sitting_forward || body == Body::short_back;
  // The scan found where the back leaves the rollers, and the levels were fitted down to there.
  EXPECT_EQ(p.back_end.has_value(), leaves_above_seat);
  ASSERT_TRUE(p.s1.has_value());
  if (p.back_end) {
    EXPECT_EQ(*p.s1, *p.back_end - bodymap::kBackEndMargin);
  }
  expect_ran_to_its_end(
      rig, program, run,
      bodymap::BodyMap(p.shoulder->travel(), session_test::setup_of(rig).geometry, p.back_end));
  // The simulated chair's own witness, judging by the person's real anatomy, saw nothing unsafe.
  const auto seen = rig.chair().observer_findings();
  EXPECT_TRUE(seen.empty()) << seen.size() << " unsafe, the first: " << seen.front().describe();
}

class ShippedProgramUnfitted : public testing::TestWithParam<ProgramOnBody> {};

TEST_P(ShippedProgramUnfitted, RunsToItsEndSkippingWhatHasNoBack) {
  const auto& [id, body] = GetParam();
  const auto program = session_test::shipped_program(id);
  const auto person = config_of(body);
  ChairRig rig(options_for(body));
  ASSERT_TRUE(rig.bring_to_ready());
  const auto controls = session_test::start_program_unfitted(rig, program, person.shoulder_travel);
  const auto run = run_program(rig, controls);
  expect_ran_to_its_end(
      rig, program, run,
      bodymap::BodyMap(person.shoulder_travel, session_test::setup_of(rig).geometry));
}

std::string name_of(const testing::TestParamInfo<ProgramOnBody>& info) {
  std::string name;
  bool upper = true;
  for (const char c : info.param.program) {
    if (c == '-') {
      upper = true;
      continue;
    }
    name += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return name + "On" + body_name(info.param.body) + "Body";
}

// The programs in programs/, by id.
const std::vector<std::string> kShipped = {"between-the-shoulder-blades",
                                           "full-paraspinal-sweep",
                                           "gentle-introduction",
                                           "lower-back",
                                           "mid-back",
                                           "neck-and-shoulders",
                                           "quick-relief"};

// Built with AddressSanitizer, a run takes about twice as long; what the sanitizers look for
// (memory and undefined behaviour) is in the code every run goes through, so there each program
// runs on one of the bodies, in turn, every body and every program still among the runs; the
// build without them runs every program on every body.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

std::vector<ProgramOnBody> every_program_on(const std::vector<Body>& bodies) {
  std::vector<ProgramOnBody> runs;
  for (std::size_t b = 0; b < bodies.size(); ++b) {
    for (std::size_t p = 0; p < kShipped.size(); ++p) {
      if (kSanitized && p % bodies.size() != b) continue;
      runs.push_back(ProgramOnBody{kShipped[p], bodies[b]});
    }
  }
  return runs;
}

INSTANTIATE_TEST_SUITE_P(EveryBody, ShippedProgram,
                         testing::ValuesIn(every_program_on({Body::small, Body::medium, Body::large,
                                                             Body::sitting_forward,
                                                             Body::short_back})),
                         name_of);

INSTANTIATE_TEST_SUITE_P(
    BackLeavingTheRollers, ShippedProgramUnfitted,
    testing::ValuesIn(every_program_on({Body::sitting_forward, Body::short_back})), name_of);

TEST(ShippedPrograms, EveryShippedProgramIsRunHere) {
  std::vector<std::string> found;
  for (const auto& entry : std::filesystem::directory_iterator(
           std::filesystem::path(MASSAGED_SOURCE_DIR) / "programs")) {
    if (entry.path().extension() == ".toml") found.push_back(entry.path().stem().string());
  }
  std::sort(found.begin(), found.end());
  EXPECT_EQ(found, kShipped) << "a program was added or removed: list it in kShipped above";
}

}  // namespace
