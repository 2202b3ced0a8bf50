#include "daemon/programs/duration_estimate.hpp"

#include <gtest/gtest.h>

#include "daemon/programs/program_checker.hpp"
#include "tests/daemon/programs/program_text.hpp"

namespace {

using anatomy::Muscle;
using anatomy::Side;
using anatomy::VertebralLevel;
using programs::Compression;
using programs::DurationModel;
using programs::estimated_duration;
using programs::Intensity;
using programs::Rolling;
using programs::StepGroup;
using std::chrono::milliseconds;
using std::chrono::seconds;

Compression compression(seconds hold, seconds release, int repeats) {
  return Compression{.level = VertebralLevel::T4,
                     .side = Side::both,
                     .target = Muscle::longissimus,
                     .intensity = Intensity(5),
                     .hold = hold,
                     .increments = 2,
                     .release = release,
                     .repeats = repeats};
}

Rolling rolling(VertebralLevel top, VertebralLevel bottom, double mm_per_s, int passes) {
  return Rolling{.span = {top, bottom},
                 .target = Muscle::longissimus,
                 .intensity = Intensity(4),
                 .speed = units::MillimetresPerSecond(mm_per_s),
                 .passes = passes};
}

TEST(DurationEstimate, ACompressionTakesItsHoldsAndReleases) {
  EXPECT_EQ(estimated_duration(compression(seconds(45), seconds(10), 3), DurationModel{}),
            seconds(165));
}

TEST(DurationEstimate, RollingTakesItsPassesOverTheSpanOnTheLargestBody) {
  const DurationModel model;
  const auto length = model.largest_body.travel_of(VertebralLevel::T7) -
                      model.largest_body.travel_of(VertebralLevel::T2);
  const auto expected =
      std::chrono::round<milliseconds>(std::chrono::duration<double>(4 * length.value() / 30.0));
  EXPECT_EQ(estimated_duration(rolling(VertebralLevel::T2, VertebralLevel::T7, 30, 4), model),
            expected);
  // Twice the speed, half the time; twice the passes, twice the time.
  EXPECT_NEAR(
      estimated_duration(rolling(VertebralLevel::T2, VertebralLevel::T7, 60, 4), model).count(),
      expected.count() / 2.0, 1.0);
  EXPECT_NEAR(
      estimated_duration(rolling(VertebralLevel::T2, VertebralLevel::T7, 30, 8), model).count(),
      expected.count() * 2.0, 1.0);
}

TEST(DurationEstimate, TheLargestBodyGivesTheLongestEstimate) {
  const DurationModel largest;
  const DurationModel smaller{
      .largest_body = bodymap::BodyMap(units::Millimetres(520), bodymap::ChairGeometry{})};
  const auto whole_back = rolling(VertebralLevel::C7, VertebralLevel::S1, 30, 2);
  EXPECT_GT(estimated_duration(whole_back, largest), estimated_duration(whole_back, smaller));
  // C7 to S1 on the largest body the chair fits: 490 mm, twice, at 30 mm/s.
  EXPECT_EQ(estimated_duration(whole_back, largest), milliseconds(32667));
}

TEST(DurationEstimate, AGroupTakesItsStepsTimesItsRepeats) {
  const StepGroup group{
      .repeats = 3,
      .steps = {compression(seconds(30), seconds(10), 1), programs::Rest{.duration = seconds(20)}}};
  EXPECT_EQ(estimated_duration(group, DurationModel{}), seconds(180));
  const StepGroup nested{.repeats = 2, .steps = {group, programs::Rest{.duration = seconds(5)}}};
  EXPECT_EQ(estimated_duration(nested, DurationModel{}), seconds(370));
}

TEST(DurationEstimate, AProgramTakesTheSumOfItsSteps) {
  const auto checked = programs::ProgramChecker().check_text(
      programs_test::kHeader + programs_test::kCompression + R"(
[[step]]
technique = "kneading"
top = "L4"
bottom = "L5"
muscle = "iliocostalis"
width_cm = 2
intensity = 5
cycles_per_minute = 30
duration_s = 75

[[step]]
technique = "tapping"
top = "T2"
bottom = "T6"
lateral_cm = 5
intensity = 3
frequency_hz = 4
duration_s = 40
)",
      programs_test::kSource);
  ASSERT_TRUE(checked.has_value()) << checked.error().front().to_string();
  // 2 x (45 + 10) + 75 + 40.
  EXPECT_EQ(programs::ProgramChecker().estimated_duration(*checked), seconds(225));
}

TEST(DurationEstimate, DurationsReadAsMinutesAndSeconds) {
  EXPECT_EQ(programs::to_string(seconds(45)), "45 s");
  EXPECT_EQ(programs::to_string(seconds(300)), "5 min");
  EXPECT_EQ(programs::to_string(seconds(872)), "14 min 32 s");
  EXPECT_EQ(programs::to_string(milliseconds(59600)), "1 min");
}

}  // namespace
