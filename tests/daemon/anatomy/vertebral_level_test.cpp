#include "daemon/anatomy/vertebral_level.hpp"

#include <gtest/gtest.h>

#include "daemon/anatomy/muscle.hpp"

namespace {

using anatomy::Region;
using anatomy::VertebralLevel;

TEST(VertebralLevel, NamesRoundTripForEveryLevel) {
  for (std::size_t i = 0; i < anatomy::kLevelCount; ++i) {
    const auto level = anatomy::level_at(i);
    EXPECT_EQ(anatomy::parse_level(anatomy::to_string(level)), level);
  }
  EXPECT_EQ(anatomy::parse_level("t4"), VertebralLevel::T4);
  EXPECT_FALSE(anatomy::parse_level("T13").has_value());
  EXPECT_FALSE(anatomy::parse_level("C6").has_value());
}

TEST(VertebralLevel, KidneyZoneIsT12ToL3) {
  EXPECT_EQ(anatomy::region_of(VertebralLevel::T11), Region::thoracic);
  EXPECT_EQ(anatomy::region_of(VertebralLevel::T12), Region::kidney);
  EXPECT_EQ(anatomy::region_of(VertebralLevel::L3), Region::kidney);
  EXPECT_EQ(anatomy::region_of(VertebralLevel::L4), Region::lumbar);
  EXPECT_EQ(anatomy::region_of(VertebralLevel::C7), Region::neck);
}

TEST(VertebralLevel, ShiftingStopsAtTheEndsOfTheBack) {
  EXPECT_EQ(anatomy::shifted(VertebralLevel::T4, 1), VertebralLevel::T5);
  EXPECT_EQ(anatomy::shifted(VertebralLevel::T1, -3), VertebralLevel::C7);
  EXPECT_EQ(anatomy::shifted(VertebralLevel::L5, 4), VertebralLevel::S1);
}

TEST(Muscle, RhomboidsReachOnlyTheUpperBack) {
  const auto span = anatomy::vertical_span(anatomy::Muscle::rhomboid);
  EXPECT_TRUE(span.contains(VertebralLevel::T3));
  EXPECT_FALSE(span.contains(VertebralLevel::T8));
  EXPECT_EQ(anatomy::parse_muscle("longissimus"), anatomy::Muscle::longissimus);
  EXPECT_FALSE(anatomy::parse_muscle("trapezius").has_value());
}

TEST(Muscle, LongissimusLiesTwoToFourCentimetresFromTheMidline) {
  const auto band = anatomy::lateral_band(anatomy::Muscle::longissimus);
  EXPECT_DOUBLE_EQ(band.nearest.value(), 20.0);
  EXPECT_DOUBLE_EQ(band.farthest.value(), 40.0);
  EXPECT_DOUBLE_EQ(band.middle().value(), 30.0);
}

}  // namespace
