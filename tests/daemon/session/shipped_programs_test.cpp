// Every program that ships runs to its end on the simulated chair, over Modbus TCP and in
// simulated time at the slowest control rate, on a small, a medium and a large body. Each run
// simulates up to 18 minutes of a chair's physics in a few seconds of real time.

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "daemon/programs/duration_estimate.hpp"
#include "daemon/session/program_timeline.hpp"
#include "tests/daemon/session/session_rig.hpp"

namespace {

using control::ChairState;
using control_test::ChairRig;
using namespace std::chrono_literals;
using session::SessionPhase;

struct ProgramOnBody {
  std::string program;
  sim::BodySize size;
};

std::string size_name(sim::BodySize size) {
  switch (size) {
    case sim::BodySize::small:
      return "Small";
    case sim::BodySize::medium:
      return "Medium";
    case sim::BodySize::large:
      return "Large";
  }
  return "Body";
}

// How gtest shows the parameter in CTest's list of tests.
void PrintTo(const ProgramOnBody& p, std::ostream* out) {
  *out << p.program << " on a " << size_name(p.size) << " body";
}

class ShippedProgram : public testing::TestWithParam<ProgramOnBody> {};

TEST_P(ShippedProgram, RunsToItsEnd) {
  const auto& [id, size] = GetParam();
  const auto program = session_test::shipped_program(id);
  ChairRig rig(session_test::options_for(sim::body_of_size(size)));
  ASSERT_TRUE(rig.bring_to_ready());
  const auto controls = session_test::start_session(rig, program);
  const auto fault_force = rig.options().limits.force_fault.value();
  double largest = 0.0;
  bool faulted = false;
  const auto end = rig.clock().now() + 30min;
  while (rig.clock().now() < end && rig.state() != ChairState::ready) {
    rig.cycle();
    largest = std::max(largest, session_test::contact(rig));
    faulted = faulted || rig.state() == ChairState::fault;
  }
  ASSERT_FALSE(faulted) << rig.controller().status().describe();
  ASSERT_EQ(rig.state(), ChairState::ready) << rig.controller().status().describe();
  const auto p = controls.progress();
  EXPECT_EQ(p.phase, SessionPhase::finished) << p.outcome;
  EXPECT_EQ(p.outcome, "the program ran to its end");
  EXPECT_EQ(p.step_count, session::timeline_of(program).size());
  EXPECT_EQ(p.step_index + 1, p.step_count);
  EXPECT_EQ(p.remaining, std::chrono::nanoseconds{0});
  // Every step did its work: the program took at least its techniques' time on this body.
  const programs::DurationModel on_this_body{
      bodymap::BodyMap(p.shoulder->travel(), session_test::setup_of(rig).geometry)};
  EXPECT_GE(p.elapsed, programs::estimated_duration(program, on_this_body) * 95 / 100);
  // Nothing came near the force at which the chair faults, not even where rollers moving along
  // the back meet the shoulder blades' edges.
  EXPECT_LT(largest, fault_force * 0.75);
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
  return name + "On" + size_name(info.param.size) + "Body";
}

// The programs in programs/, by id.
const std::vector<std::string> kShipped = {"between-the-shoulder-blades",
                                           "full-paraspinal-sweep",
                                           "gentle-introduction",
                                           "lower-back",
                                           "mid-back",
                                           "neck-and-shoulders",
                                           "quick-relief"};

std::vector<ProgramOnBody> every_program_on_every_body() {
  std::vector<ProgramOnBody> runs;
  for (const auto size : {sim::BodySize::small, sim::BodySize::medium, sim::BodySize::large}) {
    for (const auto& id : kShipped) runs.push_back(ProgramOnBody{id, size});
  }
  return runs;
}

INSTANTIATE_TEST_SUITE_P(EveryBody, ShippedProgram,
                         testing::ValuesIn(every_program_on_every_body()), name_of);

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
