#include "daemon/programs/lateral_target.hpp"

#include <gtest/gtest.h>

#include "daemon/programs/level_span.hpp"

namespace {

using anatomy::Muscle;
using anatomy::VertebralLevel;
using programs::lateral_distance;
using units::Millimetres;

constexpr Millimetres kMidline{25};

TEST(LateralTarget, ADistanceIsAimedAtAsWritten) {
  EXPECT_EQ(lateral_distance(Millimetres(35), kMidline), Millimetres(35));
}

TEST(LateralTarget, AMuscleIsAimedAtTheMiddleOfItsBandAwayFromTheSpine) {
  // Iliocostalis 4-8 cm: all of it clear of the midline.
  EXPECT_EQ(lateral_distance(Muscle::iliocostalis, kMidline), Millimetres(60));
  // Longissimus 2-4 cm: the part from 2.5 cm out.
  EXPECT_EQ(lateral_distance(Muscle::longissimus, kMidline), Millimetres(32.5));
  // Multifidus 1-3 cm: only its outer edge is clear of the spinous processes.
  EXPECT_EQ(lateral_distance(Muscle::multifidus, kMidline), Millimetres(27.5));
  EXPECT_GE(lateral_distance(Muscle::rhomboid, kMidline), kMidline);
}

TEST(LateralTarget, NoMuscleIsAimedAtInsideTheMidlineDistance) {
  for (const auto muscle :
       {Muscle::multifidus, Muscle::longissimus, Muscle::iliocostalis, Muscle::rhomboid}) {
    for (const double keep : {10.0, 25.0, 35.0, 50.0}) {
      EXPECT_GE(lateral_distance(muscle, Millimetres(keep)), Millimetres(keep))
          << anatomy::to_string(muscle) << " " << keep;
    }
  }
}

TEST(LateralTarget, TargetsReadAsProgramsWriteThem) {
  EXPECT_EQ(programs::to_string(Muscle::rhomboid), "rhomboid");
  EXPECT_EQ(programs::to_string(Millimetres(35)), "3.5 cm");
}

TEST(LevelSpan, KnowsWhetherItReachesTheKidneyZone) {
  using programs::LevelSpan;
  EXPECT_FALSE(
      reaches(LevelSpan{VertebralLevel::T2, VertebralLevel::T11}, anatomy::Region::kidney));
  EXPECT_TRUE(
      reaches(LevelSpan{VertebralLevel::T11, VertebralLevel::T12}, anatomy::Region::kidney));
  EXPECT_TRUE(reaches(LevelSpan{VertebralLevel::L3, VertebralLevel::S1}, anatomy::Region::kidney));
  EXPECT_FALSE(reaches(LevelSpan{VertebralLevel::L4, VertebralLevel::S1}, anatomy::Region::kidney));
  EXPECT_EQ(programs::to_string(LevelSpan{VertebralLevel::T2, VertebralLevel::T7}), "T2 to T7");
  EXPECT_EQ(programs::to_string(LevelSpan{VertebralLevel::L4, VertebralLevel::L4}), "L4");
}

}  // namespace
