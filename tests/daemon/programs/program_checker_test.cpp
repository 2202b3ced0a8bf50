#include "daemon/programs/program_checker.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/daemon/programs/program_text.hpp"

namespace {

using anatomy::Muscle;
using anatomy::Side;
using anatomy::VertebralLevel;
using programs::Compression;
using programs::Intensity;
using programs::Kneading;
using programs::LevelSpan;
using programs::Program;
using programs::ProgramChecker;
using programs::Rest;
using programs::Rolling;
using programs::StepGroup;
using programs::Tapping;
using programs_test::errors_of;
using programs_test::kCompression;
using programs_test::kHeader;
using programs_test::kSource;
using std::chrono::minutes;
using std::chrono::seconds;
using testing::ElementsAre;
using testing::HasSubstr;

const std::filesystem::path kProgramsDir = std::filesystem::path(MASSAGED_SOURCE_DIR) / "programs";

std::vector<std::filesystem::path> shipped_programs() {
  std::vector<std::filesystem::path> out;
  for (const auto& entry : std::filesystem::directory_iterator(kProgramsDir)) {
    if (entry.path().extension() == ".toml") out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(ShippedPrograms, EveryProgramThatShipsPassesTheChecks) {
  const ProgramChecker checker;
  const auto files = shipped_programs();
  ASSERT_GE(files.size(), 6U);
  for (const auto& file : files) {
    const auto checked = checker.check_file(file);
    EXPECT_TRUE(checked.has_value())
        << file << ": " << (checked ? "" : checked.error().front().to_string());
  }
}

TEST(ShippedPrograms, EachIsNamedByItsIdAndLastsAboutItsIntendedDuration) {
  const ProgramChecker checker;
  std::set<std::string> ids;
  for (const auto& file : shipped_programs()) {
    const auto checked = checker.check_file(file);
    ASSERT_TRUE(checked.has_value()) << file;
    EXPECT_EQ(checked->info.id, file.stem().string());
    EXPECT_TRUE(ids.insert(checked->info.id).second) << "two programs are named " << file.stem();
    // Within a minute of what the panel shows: a program that ends far sooner than it says
    // is one of the complaints owners have.
    const auto estimate = checker.estimated_duration(*checked);
    const auto intended =
        std::chrono::duration_cast<std::chrono::milliseconds>(checked->info.intended_duration);
    EXPECT_LE(std::chrono::abs(estimate - intended), minutes(1))
        << file << ": estimated " << programs::to_string(estimate);
  }
}

TEST(ShippedPrograms, TheRequiredSessionsShipWithTheirDurations) {
  const ProgramChecker checker;
  const std::map<std::string, minutes> wanted = {{"neck-and-shoulders", minutes(15)},
                                                 {"between-the-shoulder-blades", minutes(15)},
                                                 {"mid-back", minutes(15)},
                                                 {"lower-back", minutes(15)},
                                                 {"full-paraspinal-sweep", minutes(15)},
                                                 {"quick-relief", minutes(5)}};
  for (const auto& [id, duration] : wanted) {
    const auto checked = checker.check_file(kProgramsDir / (id + ".toml"));
    ASSERT_TRUE(checked.has_value()) << id;
    EXPECT_EQ(checked->info.intended_duration, duration) << id;
  }
}

// Whether a step, or any step inside it, taps over a level of the span.
bool taps_within(const programs::Step& step, const LevelSpan& zone) {
  if (const auto* tapping = std::get_if<Tapping>(&step)) {
    return tapping->span.bottom >= zone.top && tapping->span.top <= zone.bottom;
  }
  if (const auto* group = std::get_if<StepGroup>(&step)) {
    return std::any_of(group->steps.begin(), group->steps.end(),
                       [&](const auto& s) { return taps_within(s, zone); });
  }
  return false;
}

TEST(ShippedPrograms, LowerBackWorksL1ToL5WithoutTappingOverTheKidneys) {
  const auto checked = ProgramChecker().check_file(kProgramsDir / "lower-back.toml");
  ASSERT_TRUE(checked.has_value());
  bool reaches_l1 = false;
  bool reaches_l5 = false;
  for (const auto& step : checked->steps) {
    EXPECT_FALSE(taps_within(step, {VertebralLevel::T12, VertebralLevel::L3}));
    if (const auto* rolling = std::get_if<Rolling>(&step)) {
      reaches_l1 = reaches_l1 || rolling->span.contains(VertebralLevel::L1);
      reaches_l5 = reaches_l5 || rolling->span.contains(VertebralLevel::L5);
    }
  }
  EXPECT_TRUE(reaches_l1);
  EXPECT_TRUE(reaches_l5);
}

TEST(ProgramChecker, AProgramReadsIntoTheModelWithTheValuesOfTheFile) {
  const std::string text = kHeader + R"(
[[step]]
technique = "compression"
level = "T4"
side = "left"
muscle = "rhomboid"
intensity = 6
hold_s = 45
increments = 3
release_s = 12
repeats = 2

[[step]]
technique = "rolling"
top = "C7"
bottom = "T7"
lateral_cm = 3.5
intensity = 4
speed_cm_s = 2.5
passes = 6

[[step]]
technique = "group"
repeats = 3

  [[step.step]]
  technique = "kneading"
  top = "L4"
  bottom = "L5"
  muscle = "iliocostalis"
  width_cm = 2
  intensity = 5
  cycles_per_minute = 30
  duration_s = 60

  [[step.step]]
  technique = "rest"
  duration_s = 15

[[step]]
technique = "tapping"
top = "T2"
bottom = "T6"
lateral_cm = 5
intensity = 3
frequency_hz = 4.5
duration_s = 40
)";
  const auto checked = ProgramChecker().check_text(text, kSource);
  ASSERT_TRUE(checked.has_value()) << checked.error().front().to_string();

  const Program expected{
      .info = {.id = "test-program",
               .name = "Test program",
               .description = "A program written by a test.",
               .author = "tests",
               .format = 1,
               .intended_duration = minutes(15)},
      .steps = {Compression{.level = VertebralLevel::T4,
                            .side = Side::left,
                            .target = Muscle::rhomboid,
                            .intensity = Intensity(6),
                            .hold = seconds(45),
                            .increments = 3,
                            .release = seconds(12),
                            .repeats = 2},
                Rolling{.span = {VertebralLevel::C7, VertebralLevel::T7},
                        .target = units::Millimetres(35),
                        .intensity = Intensity(4),
                        .speed = units::MillimetresPerSecond(25),
                        .passes = 6},
                StepGroup{.repeats = 3,
                          .steps = {Kneading{.span = {VertebralLevel::L4, VertebralLevel::L5},
                                             .target = Muscle::iliocostalis,
                                             .width = units::Millimetres(20),
                                             .intensity = Intensity(5),
                                             .speed = units::Rpm(30),
                                             .duration = seconds(60)},
                                    Rest{.duration = seconds(15)}}},
                Tapping{.span = {VertebralLevel::T2, VertebralLevel::T6},
                        .target = units::Millimetres(50),
                        .intensity = Intensity(3),
                        .frequency_hz = 4.5,
                        .duration = seconds(40)}}};
  EXPECT_EQ(*checked, expected);
}

TEST(ProgramChecker, LevelsMusclesAndSidesParseByTheirNames) {
  const std::vector<std::pair<std::string, VertebralLevel>> levels = {
      {"C7", VertebralLevel::C7}, {"T1", VertebralLevel::T1}, {"T12", VertebralLevel::T12},
      {"L1", VertebralLevel::L1}, {"L5", VertebralLevel::L5}, {"S1", VertebralLevel::S1}};
  for (const auto& [name, level] : levels) {
    // Gentle, so that the kidney zone takes it too.
    std::string text = kHeader + kCompression;
    text.replace(text.find("intensity = 5"), 13, "intensity = 3");
    text.replace(text.find("\"T4\""), 4, "\"" + name + "\"");
    const auto checked = ProgramChecker().check_text(text, kSource);
    ASSERT_TRUE(checked.has_value()) << name << ": " << checked.error().front().to_string();
    EXPECT_EQ(std::get<Compression>(checked->steps.front()).level, level) << name;
  }
  const std::vector<std::pair<std::string, Muscle>> muscles = {
      {"multifidus", Muscle::multifidus},
      {"longissimus", Muscle::longissimus},
      {"iliocostalis", Muscle::iliocostalis},
      {"rhomboid", Muscle::rhomboid}};
  for (const auto& [name, muscle] : muscles) {
    std::string text = kHeader + kCompression;
    text.replace(text.find("\"longissimus\""), 13, "\"" + name + "\"");
    const auto checked = ProgramChecker().check_text(text, kSource);
    ASSERT_TRUE(checked.has_value()) << name << ": " << checked.error().front().to_string();
    EXPECT_EQ(std::get<Muscle>(std::get<Compression>(checked->steps.front()).target), muscle);
  }
  for (const auto& [name, side] : std::vector<std::pair<std::string, Side>>{
           {"left", Side::left}, {"right", Side::right}, {"both", Side::both}}) {
    std::string text = kHeader + kCompression;
    text.replace(text.find("\"both\""), 6, "\"" + name + "\"");
    const auto checked = ProgramChecker().check_text(text, kSource);
    ASSERT_TRUE(checked.has_value()) << name;
    EXPECT_EQ(std::get<Compression>(checked->steps.front()).side, side) << name;
  }
}

TEST(ProgramChecker, UnknownNamesAreRefusedWithTheNamesAllowed) {
  std::string text = kHeader + kCompression;
  text.replace(text.find("\"T4\""), 4, "\"T13\"");
  text.replace(text.find("\"longissimus\""), 13, "\"trapezius\"");
  text.replace(text.find("\"both\""), 6, "\"middle\"");
  EXPECT_THAT(
      errors_of(text),
      ElementsAre("test.toml:10:9: step[0].level: \"T13\" is not a vertebral level a roller "
                  "reaches, use C7, T1..T12, L1..L5 or S1",
                  "test.toml:11:8: step[0].side: \"middle\" is not allowed, use one of "
                  "\"left\", \"right\", \"both\"",
                  "test.toml:12:10: step[0].muscle: \"trapezius\" is not allowed, use one of "
                  "\"multifidus\", \"longissimus\", \"iliocostalis\", \"rhomboid\""));
}

TEST(ProgramChecker, MetadataErrorsAreLocatedAtTheirValues) {
  const std::string text = R"(format = 1
id = "Neck_Shoulders"
name = ""
description = "Fine."
author = 7
duration_minutes = 45
colour = "red"
)" + kCompression;
  EXPECT_THAT(
      errors_of(text),
      ElementsAre(
          "test.toml:2:6: id: \"Neck_Shoulders\" is not a program id; use lowercase letters and "
          "digits in words joined by single dashes, as \"neck-and-shoulders\"",
          "test.toml:3:8: name: is empty; give a text of 1..80 bytes",
          "test.toml:5:10: author: expected a string",
          "test.toml:6:20: duration_minutes: 45 is out of range, allowed 1..30",
          "test.toml:7:1: unknown key \"colour\" at the top level; allowed keys: format, id, "
          "name, description, author, duration_minutes, step"));
}

TEST(ProgramChecker, AMissingKeyIsNamedAtItsTable) {
  std::string text = kHeader + kCompression;
  text.erase(text.find("hold_s = 45\n"), 12);
  // Line 3 goes: the step starts on line 7.
  text.erase(text.find("name = \"Test program\"\n"), 22);
  EXPECT_THAT(errors_of(text),
              ElementsAre("test.toml:1:1: name: required key is missing from the top level",
                          "test.toml:7:1: step[0].hold_s: required key is missing from [step[0]]"));
}

TEST(ProgramChecker, AFormatItDoesNotKnowIsRefusedAlone) {
  std::string text = kHeader + kCompression;
  text.replace(0, 10, "format = 2");
  text.replace(text.find("hold_s = 45"), 11, "hold_s = 400");
  EXPECT_THAT(errors_of(text),
              ElementsAre("test.toml:1:10: format: 2 is not a format this daemon reads; it reads "
                          "format 1"));
}

TEST(ProgramChecker, ATomlSyntaxErrorIsLocated) {
  const std::string text = kHeader + "\n[[step]]\ntechnique = compression\n";
  const auto errors = errors_of(text);
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_THAT(errors.front(), testing::StartsWith("test.toml:9:13: "));
}

TEST(ProgramChecker, ASyntaxErrorQuotingALineBreakStaysOnOneLine) {
  // Found by the fuzzer: the TOML parser's message quoted the line break it stopped at.
  EXPECT_THAT(errors_of("f = t\n"),
              ElementsAre("test.toml:1:6: not valid TOML: Error while parsing boolean: expected "
                          "'true', saw 't\\x0a'"));
}

TEST(ProgramChecker, EveryErrorOfAFileIsReportedInOnePassInFileOrder) {
  const std::string text = R"(format = 1
id = "too-much"
name = "Too much"
description = "Four mistakes."
author = "tests"
duration_minutes = 15

[[step]]
technique = "compression"
level = "T4"
side = "both"
lateral_cm = 1
intensity = 5
hold_s = 120
increments = 2
release_s = 10
repeats = 2

[[step]]
technique = "rolling"
top = "T7"
bottom = "T2"
muscle = "longissimus"
intensity = 11
speed_cm_s = 3
passes = 4
)";
  EXPECT_THAT(errors_of(text), ElementsAre(HasSubstr("test.toml:12:14: step[0].lateral_cm: "),
                                           HasSubstr("test.toml:14:10: step[0].hold_s: "),
                                           HasSubstr("test.toml:22:10: step[1].bottom: "),
                                           HasSubstr("test.toml:24:13: step[1].intensity: ")));
}

TEST(ProgramChecker, AProgramLongerThanTheSessionIsRefused) {
  // 4 x 5 x (90 + 30) s = 40 min.
  const std::string text = kHeader + R"(
[[step]]
technique = "group"
repeats = 4

  [[step.step]]
  technique = "compression"
  level = "T4"
  side = "both"
  muscle = "longissimus"
  intensity = 5
  hold_s = 90
  increments = 3
  release_s = 30
  repeats = 5
)";
  EXPECT_THAT(errors_of(text),
              ElementsAre("test.toml:1:1: program: the steps take an estimated 40 min, more than "
                          "the 30 min session limit; shorten holds, passes, durations or "
                          "repeats"));
}

TEST(ProgramChecker, TheLimitsComeFromTheDaemonsSafetySettings) {
  const std::string text = kHeader + kCompression;
  ASSERT_THAT(errors_of(text), testing::IsEmpty());
  programs::ProgramLimits strict;
  strict.longest_hold = seconds(40);
  strict.midline_distance = units::Millimetres(35);
  EXPECT_THAT(errors_of(text, ProgramChecker(strict)),
              ElementsAre("test.toml:14:10: step[0].hold_s: 45 s is over the 40 s cap for a "
                          "static hold; trigger-point holds last 30 to 60 s"));
  std::string near = text;
  near.replace(near.find("muscle = \"longissimus\""), 22, "lateral_cm = 3");
  EXPECT_THAT(errors_of(near, ProgramChecker(strict)),
              ElementsAre(HasSubstr("step[0].lateral_cm: 3 cm is on the spine's midline; the "
                                    "rollers keep at least 3.5 cm from it"),
                          HasSubstr("step[0].hold_s: 45 s is over the 40 s cap")));
}

TEST(ProgramChecker, AFileIsNamedByItsPathInErrors) {
  const auto missing = std::filesystem::path(MASSAGED_BINARY_DIR) / "no-such-program.toml";
  const auto checked = ProgramChecker().check_file(missing);
  ASSERT_FALSE(checked.has_value());
  EXPECT_EQ(checked.error().front().to_string(),
            missing.string() +
                ": cannot open the file for reading; check the path and "
                "permissions");
}

TEST(ProgramChecker, ADirectoryIsNotAProgramFile) {
  const auto checked = ProgramChecker().check_file(kProgramsDir);
  ASSERT_FALSE(checked.has_value());
  EXPECT_EQ(
      checked.error().front().to_string(),
      kProgramsDir.string() + ": is not a regular file; give the path of a program's .toml file");
}

TEST(ProgramChecker, AnOversizedFileIsRefusedUnread) {
  const auto path = std::filesystem::path(MASSAGED_BINARY_DIR) / "oversized-program.toml";
  {
    std::ofstream out(path, std::ios::binary);
    out << programs_test::kHeader << kCompression
        << std::string(programs::kLargestProgramFile, '#');
  }
  const auto checked = ProgramChecker().check_file(path);
  std::filesystem::remove(path);
  ASSERT_FALSE(checked.has_value());
  EXPECT_EQ(checked.error().front().to_string(),
            path.string() +
                ": is larger than the 262144 bytes a program file may have; split it into "
                "smaller programs");
}

TEST(ProgramChecker, AnOversizedTextIsRefusedBeforeParsing) {
  const std::string text(programs::kLargestProgramFile + 1, '#');
  EXPECT_THAT(errors_of(text), ElementsAre("test.toml: is larger than the 262144 bytes a program "
                                           "file may have; split it into smaller programs"));
}

TEST(ProgramChecker, ErrorsNameTheirSourceLineAndColumn) {
  std::string text = kHeader + kCompression;
  text.replace(text.find("repeats = 2"), 11, "repeats = \"two\"");
  const auto checked = ProgramChecker().check_text(text, "oem/desk.toml");
  ASSERT_FALSE(checked.has_value());
  ASSERT_EQ(checked.error().size(), 1U);
  const auto& error = checked.error().front();
  EXPECT_EQ(error.source, "oem/desk.toml");
  EXPECT_EQ(error.line, 17U);
  EXPECT_EQ(error.column, 11U);
  EXPECT_EQ(error.message, "step[0].repeats: expected an integer from 1 to 10");
}

}  // namespace
