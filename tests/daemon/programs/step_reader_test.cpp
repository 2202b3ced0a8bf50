#include "daemon/programs/step_reader.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/daemon/programs/program_text.hpp"

// The located errors of each kind of malformed step, read through the program checker as the
// daemon and chairctl read them. Every step starts on line 8, after the six lines of kHeader and
// a blank line.
namespace {

using programs_test::errors_of;
using programs_test::kHeader;
using testing::ElementsAre;
using testing::IsEmpty;

std::string program(const std::string& steps) { return kHeader + steps; }

TEST(StepReader, ATargetOnTheMidlineIsRefused) {
  EXPECT_THAT(errors_of(program(R"(
[[step]]
technique = "compression"
level = "T4"
side = "both"
lateral_cm = 1.5
intensity = 5
hold_s = 45
increments = 2
release_s = 10
repeats = 1
)")),
              ElementsAre("test.toml:12:14: step[0].lateral_cm: 1.5 cm is on the spine's "
                          "midline; the rollers keep at least 2.5 cm from it, use 2.5 cm or "
                          "more"));
}

TEST(StepReader, AMuscleAtALevelItDoesNotReachIsRefused) {
  EXPECT_THAT(errors_of(program(R"(
[[step]]
technique = "compression"
level = "L2"
side = "right"
muscle = "rhomboid"
intensity = 2
hold_s = 45
increments = 2
release_s = 10
repeats = 1
)")),
              ElementsAre("test.toml:12:10: step[0].muscle: the rhomboid reaches only C7 to T5, "
                          "not L2; choose a level in C7 to T5 or another muscle"));
}

TEST(StepReader, ASpanBeyondTheMusclesReachIsRefused) {
  EXPECT_THAT(errors_of(program(R"(
[[step]]
technique = "rolling"
top = "T2"
bottom = "T7"
muscle = "rhomboid"
intensity = 4
speed_cm_s = 3
passes = 4
)")),
              ElementsAre("test.toml:12:10: step[0].muscle: the rhomboid reaches only C7 to T5, "
                          "not the whole of T2 to T7; keep the span within C7 to T5 or aim with "
                          "lateral_cm"));
}

TEST(StepReader, ACompressionAboveGentleOverTheKidneysIsRefused) {
  const std::string step = R"(
[[step]]
technique = "compression"
level = "L1"
side = "both"
muscle = "longissimus"
intensity = 4
hold_s = 45
increments = 2
release_s = 10
repeats = 1
)";
  EXPECT_THAT(errors_of(program(step)),
              ElementsAre("test.toml:13:13: step[0].intensity: 4 is too firm here: L1 lies in "
                          "the kidney zone (T12 to L3), where nothing presses deep; allowed 1..3 "
                          "there"));
  std::string gentle = step;
  gentle.replace(gentle.find("intensity = 4"), 13, "intensity = 3");
  EXPECT_THAT(errors_of(program(gentle)), IsEmpty());
}

TEST(StepReader, RollingFirmlyIntoTheKidneyZoneIsRefused) {
  EXPECT_THAT(errors_of(program(R"(
[[step]]
technique = "rolling"
top = "T8"
bottom = "T12"
muscle = "longissimus"
intensity = 5
speed_cm_s = 3
passes = 4
)")),
              ElementsAre("test.toml:13:13: step[0].intensity: 5 is too firm here: T8 to T12 "
                          "reaches into the kidney zone (T12 to L3), where nothing presses deep; "
                          "allowed 1..3 there"));
}

TEST(StepReader, TappingOverTheKidneyZoneIsRefusedAtAnyIntensity) {
  const std::string step = R"(
[[step]]
technique = "tapping"
top = "T10"
bottom = "L1"
muscle = "longissimus"
intensity = 1
frequency_hz = 4
duration_s = 30
)";
  EXPECT_THAT(errors_of(program(step)),
              ElementsAre("test.toml:8:1: step[0]: tapping over the kidney zone (T12 to L3) is "
                          "refused, and T10 to L1 reaches into it; tap above T12 or below L3"));
  std::string above = step;
  above.replace(above.find("\"L1\""), 4, "\"T11\"");
  EXPECT_THAT(errors_of(program(above)), IsEmpty());
  std::string below = step;
  below.replace(below.find("\"T10\""), 5, "\"L4\"");
  below.replace(below.find("\"L1\""), 4, "\"S1\"");
  EXPECT_THAT(errors_of(program(below)), IsEmpty());
}

TEST(StepReader, AHoldOverTheCapIsRefused) {
  EXPECT_THAT(errors_of(program(R"(
[[step]]
technique = "compression"
level = "T4"
side = "both"
muscle = "longissimus"
intensity = 5
hold_s = 91
increments = 2
release_s = 10
repeats = 1
)")),
              ElementsAre("test.toml:14:10: step[0].hold_s: 91 s is over the 90 s cap for a "
                          "static hold; trigger-point holds last 30 to 60 s"));
}

TEST(StepReader, ASpanWrittenBottomFirstIsRefused) {
  EXPECT_THAT(errors_of(program(R"(
[[step]]
technique = "kneading"
top = "T7"
bottom = "T2"
lateral_cm = 5
width_cm = 2
intensity = 4
cycles_per_minute = 30
duration_s = 60
)")),
              ElementsAre("test.toml:11:10: step[0].bottom: T2 lies above top = T7; a span is "
                          "written from the upper level down: swap top and bottom"));
}

TEST(StepReader, RollingOnASingleLevelIsRefused) {
  EXPECT_THAT(errors_of(program(R"(
[[step]]
technique = "rolling"
top = "T4"
bottom = "T4"
lateral_cm = 4
intensity = 4
speed_cm_s = 3
passes = 4
)")),
              ElementsAre("test.toml:11:10: step[0].bottom: rolling needs a span of two levels "
                          "or more, top and bottom are both T4; for one point use a "
                          "compression"));
}

TEST(StepReader, KneadingCirclesThatSwingOntoTheMidlineAreRefused) {
  EXPECT_THAT(errors_of(program(R"(
[[step]]
technique = "kneading"
top = "T2"
bottom = "T6"
muscle = "longissimus"
width_cm = 2
intensity = 4
cycles_per_minute = 30
duration_s = 60
)")),
              ElementsAre("test.toml:13:12: step[0].width_cm: circles 2 cm wide around 3.25 cm "
                          "from the midline come within 2.25 cm of it; the rollers keep at least "
                          "2.5 cm from it: narrow the circles or move them out"));
}

TEST(StepReader, MultifidusIsWorkedAtTheEdgeOfItsBandAwayFromTheSpine) {
  const std::string step = R"(
[[step]]
technique = "compression"
level = "L5"
side = "both"
muscle = "multifidus"
intensity = 5
hold_s = 45
increments = 2
release_s = 10
repeats = 1
)";
  EXPECT_THAT(errors_of(program(step)), IsEmpty());
  programs::ProgramLimits wide;
  wide.midline_distance = units::Millimetres(35);
  EXPECT_THAT(errors_of(program(step), programs::ProgramChecker(wide)),
              ElementsAre("test.toml:12:10: step[0].muscle: the multifidus lies 1 cm to 3 cm "
                          "from the midline, closer than the 3.5 cm the rollers keep from it; "
                          "aim with lateral_cm of 3.5 cm or more"));
}

TEST(StepReader, ATargetIsAMuscleOrADistanceNeverBothOrNeither) {
  EXPECT_THAT(errors_of(program(R"(
[[step]]
technique = "tapping"
top = "T2"
bottom = "T6"
muscle = "longissimus"
lateral_cm = 4
intensity = 3
frequency_hz = 4
duration_s = 30

[[step]]
technique = "tapping"
top = "T2"
bottom = "T6"
intensity = 3
frequency_hz = 4
duration_s = 30
)")),
              ElementsAre("test.toml:13:14: step[0].lateral_cm: give the target as muscle or as "
                          "lateral_cm, not both",
                          "test.toml:18:1: step[1]: no target across the back; give muscle "
                          "(\"multifidus\", \"longissimus\", \"iliocostalis\" or \"rhomboid\") "
                          "or lateral_cm (the distance from the spine's midline)"));
}

TEST(StepReader, UnknownKeysOfAStepAreEachNamedWithTheKeysItTakes) {
  EXPECT_THAT(errors_of(program(R"(
[[step]]
technique = "rest"
duration_s = 20
intensity = 3
seconds = 4
)")),
              ElementsAre("test.toml:11:1: unknown key \"intensity\" in [step[0]]; allowed keys: "
                          "technique, duration_s",
                          "test.toml:12:1: unknown key \"seconds\" in [step[0]]; allowed keys: "
                          "technique, duration_s"));
}

TEST(StepReader, WrongTypesAndRangesNameWhatIsAllowed) {
  EXPECT_THAT(errors_of(program(R"(
[[step]]
technique = "rolling"
top = 4
bottom = "T6"
lateral_cm = "wide"
intensity = 0
speed_cm_s = 30
passes = 2.5
)")),
              ElementsAre("test.toml:10:7: step[0].top: expected a vertebral level as a string: "
                          "C7, T1..T12, L1..L5 or S1",
                          "test.toml:12:14: step[0].lateral_cm: expected a number from 0 to 10",
                          "test.toml:13:13: step[0].intensity: 0 is out of range, allowed 1..10",
                          "test.toml:14:14: step[0].speed_cm_s: 30 is out of range, allowed 1..10",
                          "test.toml:15:10: step[0].passes: expected an integer from 1 to 20"));
}

TEST(StepReader, AnUnknownTechniqueNamesTheTechniques) {
  EXPECT_THAT(errors_of(program(R"(
[[step]]
technique = "stretching"
duration_s = 20
)")),
              ElementsAre("test.toml:9:13: step[0].technique: \"stretching\" is not allowed, use "
                          "one of \"compression\", \"rolling\", \"kneading\", \"tapping\", "
                          "\"rest\", \"group\""));
}

TEST(StepReader, ErrorsInsideAGroupNameTheirPath) {
  EXPECT_THAT(errors_of(program(R"(
[[step]]
technique = "group"
repeats = 2

  [[step.step]]
  technique = "rest"
  duration_s = 0
)")),
              ElementsAre("test.toml:14:16: step[0].step[0].duration_s: 0 is out of range, "
                          "allowed 1..600"));
}

TEST(StepReader, GroupsNestAtMostThreeDeep) {
  EXPECT_THAT(errors_of(program(R"(
[[step]]
technique = "group"
repeats = 2
[[step.step]]
technique = "group"
repeats = 2
[[step.step.step]]
technique = "group"
repeats = 2
[[step.step.step.step]]
technique = "group"
repeats = 2
[[step.step.step.step.step]]
technique = "rest"
duration_s = 5
)")),
              ElementsAre("test.toml:17:1: step[0].step[0].step[0].step[0]: groups nest at most "
                          "3 deep; move this group's steps up a level"));
}

TEST(StepReader, AProgramNeedsSteps) {
  EXPECT_THAT(errors_of(kHeader),
              ElementsAre("test.toml:1:1: step: required key is missing from the top level"));
  EXPECT_THAT(errors_of(kHeader + "step = []\n"),
              ElementsAre("test.toml:7:8: step: no steps; a program needs at least one [[step]]"));
  EXPECT_THAT(errors_of(kHeader + R"(
[[step]]
technique = "group"
repeats = 2
step = []
)"),
              ElementsAre("test.toml:11:8: step[0].step: no steps; a group needs at least one "
                          "[[step.step]]"));
  EXPECT_THAT(errors_of(kHeader + "step = [1]\n"),
              ElementsAre("test.toml:7:9: step[0]: expected a table"));
}

TEST(StepReader, AProgramOfTooManyStepsIsRefusedOnce) {
  std::string steps;
  for (std::size_t i = 0; i <= programs::kMostSteps + 5; ++i) {
    steps += "[[step]]\ntechnique = \"rest\"\nduration_s = 1\n";
  }
  // Step 200 (0-based) starts on line 7 + 3 x 200.
  EXPECT_THAT(errors_of(kHeader + steps),
              ElementsAre("test.toml:607:1: step[200]: more than 200 steps in the program; split "
                          "it into programs of fewer steps, or repeat steps with a group"));
}

}  // namespace
