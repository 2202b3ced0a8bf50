// A program as the executor works it: groups unrolled in order, each step named by its place in
// the file; and the session made long enough for the program to run to its end.

#include "daemon/session/program_timeline.hpp"

#include <gtest/gtest.h>

#include "daemon/programs/program_checker.hpp"
#include "daemon/session/session_length.hpp"

namespace {

using namespace std::chrono_literals;

programs::Program checked(const std::string& steps) {
  const auto program = programs::ProgramChecker().check_text(
      "format = 1\nid = \"t\"\nname = \"T\"\ndescription = \"d\"\nauthor = \"a\"\n"
      "duration_minutes = 5\n" +
          steps,
      "t.toml");
  EXPECT_TRUE(program) << (program ? "" : program.error().front().to_string());
  return program ? *program : programs::Program{};
}

const std::string kRest = "[[step]]\ntechnique = \"rest\"\nduration_s = 10\n";
const std::string kGroup = R"([[step]]
technique = "group"
repeats = 2
  [[step.step]]
  technique = "rest"
  duration_s = 20
  [[step.step]]
  technique = "rest"
  duration_s = 30
)";

TEST(ProgramTimeline, GroupsAreUnrolledInTheOrderTheyAreDone) {
  const auto timeline = session::timeline_of(checked(kRest + kGroup + kRest));
  ASSERT_EQ(timeline.size(), 6U);
  EXPECT_EQ(timeline[0].where, "step[0]");
  EXPECT_EQ(timeline[1].where, "step[1].step[0], time 1 of 2");
  EXPECT_EQ(timeline[2].where, "step[1].step[1], time 1 of 2");
  EXPECT_EQ(timeline[3].where, "step[1].step[0], time 2 of 2");
  EXPECT_EQ(std::get<programs::Rest>(timeline[4].step).duration, 30s);
  EXPECT_EQ(timeline[5].where, "step[2]");
  EXPECT_EQ(session::technique_of(timeline[5].step), "rest");
  EXPECT_FALSE(session::intensity_of(timeline[5].step).has_value());
}

TEST(SessionLength, AProgramThatFitsTheSessionNeedsNoExtension) {
  EXPECT_EQ(session::extensions_needed(checked(kRest), safety::SafetyLimits{}), 0);
}

TEST(SessionLength, ALongerProgramGetsTheSessionExtendedInFiveMinuteSteps) {
  // 14 rests of 60 s: 14 min of techniques, plus the scan and the moves between steps.
  std::string steps;
  for (int i = 0; i < 14; ++i) steps += "[[step]]\ntechnique = \"rest\"\nduration_s = 60\n";
  const auto program = checked(steps);
  const auto needed = session::session_needed(program);
  EXPECT_EQ(needed, 14min + session::kScanAllowance + 14 * session::kMoveAllowance);
  EXPECT_EQ(session::extensions_needed(program, safety::SafetyLimits{}), 1);  // 15 -> 20 min
  safety::SafetyLimits longer;
  longer.session = std::chrono::minutes(20);
  EXPECT_EQ(session::extensions_needed(program, longer), 0);
}

}  // namespace
