#include "daemon/bodymap/body_map.hpp"

#include <stdexcept>

#include <gtest/gtest.h>

namespace {

using anatomy::VertebralLevel;
using bodymap::BodyMap;
using bodymap::ChairGeometry;
using units::Millimetres;

TEST(BodyMap, LevelsRunFromBelowTheShouldersToAboveTheSeat) {
  const ChairGeometry chair;
  const BodyMap map(Millimetres(420), chair);
  EXPECT_DOUBLE_EQ(map.travel_of(VertebralLevel::C7).value(), 440.0);
  EXPECT_DOUBLE_EQ(map.travel_of(VertebralLevel::S1).value(), 920.0);
  for (std::size_t i = 1; i < anatomy::kLevelCount; ++i) {
    EXPECT_LT(map.travel_of(anatomy::level_at(i - 1)), map.travel_of(anatomy::level_at(i)));
  }
}

TEST(BodyMap, LumbarVertebraeAreTallerThanThoracicOnes) {
  const BodyMap map(Millimetres(420), ChairGeometry{});
  const auto thoracic = map.travel_of(VertebralLevel::T3) - map.travel_of(VertebralLevel::T2);
  const auto lumbar = map.travel_of(VertebralLevel::L3) - map.travel_of(VertebralLevel::L2);
  EXPECT_GT(lumbar, thoracic * 1.5);
}

TEST(BodyMap, ATallerBackStretchesEveryLevel) {
  const BodyMap tall(Millimetres(300), ChairGeometry{});
  const BodyMap short_back(Millimetres(520), ChairGeometry{});
  EXPECT_LT(tall.travel_of(VertebralLevel::T4), short_back.travel_of(VertebralLevel::T4));
  EXPECT_GT(tall.travel_of(VertebralLevel::T5) - tall.travel_of(VertebralLevel::T4),
            short_back.travel_of(VertebralLevel::T5) - short_back.travel_of(VertebralLevel::T4));
}

TEST(BodyMap, FindsTheLevelAtATravelPosition) {
  const BodyMap map(Millimetres(420), ChairGeometry{});
  for (std::size_t i = 0; i < anatomy::kLevelCount; ++i) {
    const auto level = anatomy::level_at(i);
    EXPECT_EQ(map.level_at(map.travel_of(level) + Millimetres(3)), level);
  }
  EXPECT_EQ(map.region_at(map.travel_of(VertebralLevel::L1)), anatomy::Region::kidney);
}

TEST(BodyMap, FitsTheLevelsBetweenTheShouldersAndWhereTheBackLeavesTheRollers) {
  const BodyMap chairs(Millimetres(420), ChairGeometry{});
  const BodyMap fitted(Millimetres(420), ChairGeometry{}, Millimetres(820));
  EXPECT_DOUBLE_EQ(fitted.travel_of(VertebralLevel::C7).value(), 440.0);
  // A little above where the back leaves the rollers, where they still press it with ease.
  EXPECT_DOUBLE_EQ(fitted.travel_of(VertebralLevel::S1).value(), 820.0 - 20.0);
  ASSERT_TRUE(fitted.back_end().has_value());
  EXPECT_DOUBLE_EQ(fitted.back_end()->value(), 820.0);
  // Every level in the same proportion, closer together.
  const auto share = [](const BodyMap& map, VertebralLevel level) {
    const auto c7 = map.travel_of(VertebralLevel::C7);
    return (map.travel_of(level) - c7) / (map.travel_of(VertebralLevel::S1) - c7);
  };
  EXPECT_NEAR(share(fitted, VertebralLevel::L3), share(chairs, VertebralLevel::L3), 1e-9);
  EXPECT_LT(fitted.travel_of(VertebralLevel::L4), chairs.travel_of(VertebralLevel::L4));
  // A back that reaches far enough below where the chair puts S1 leaves it where it is.
  const BodyMap reaching(Millimetres(420), ChairGeometry{}, Millimetres(945));
  EXPECT_DOUBLE_EQ(reaching.travel_of(VertebralLevel::S1).value(), 920.0);
  EXPECT_FALSE(reaching.back_end().has_value());
}

// Fitted to where the back leaves the rollers, the levels may be squeezed upward (someone
// sitting forward, whose spine goes on out of reach) or right (a back that ends there): the scan
// cannot tell which, so wherever either placement puts the kidney zone counts as the kidney zone.
TEST(BodyMap, FittedTheKidneyZoneOfEitherPlacementCounts) {
  const BodyMap chairs(Millimetres(420), ChairGeometry{});
  const BodyMap fitted(Millimetres(420), ChairGeometry{}, Millimetres(820));
  // The fitted L5 lies where the chair's geometry puts the kidney zone.
  const auto fitted_l5 = fitted.travel_of(VertebralLevel::L5);
  ASSERT_EQ(chairs.region_at(fitted_l5), anatomy::Region::kidney);
  EXPECT_EQ(fitted.level_at(fitted_l5), VertebralLevel::L5);
  EXPECT_EQ(fitted.region_at(fitted_l5), anatomy::Region::kidney);
  // The fitted kidney zone stays one, and what lies in neither stays what it is.
  EXPECT_EQ(fitted.region_at(fitted.travel_of(VertebralLevel::T12)), anatomy::Region::kidney);
  EXPECT_EQ(fitted.region_at(fitted.travel_of(VertebralLevel::T6)),
            chairs.region_at(chairs.travel_of(VertebralLevel::T6)));
  // Unfitted, nothing changes.
  EXPECT_EQ(chairs.region_at(chairs.travel_of(VertebralLevel::L5)),
            anatomy::region_of(VertebralLevel::L5));
}

TEST(BodyMap, RefusesABackEndTooCloseToTheShoulders) {
  try {
    BodyMap(Millimetres(420), ChairGeometry{}, Millimetres(650));
    FAIL() << "a back of 210 mm was fitted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("sit back against the backrest"), std::string::npos)
        << e.what();
  }
}

TEST(BodyMap, RefusesShouldersTooCloseToTheSeat) {
  EXPECT_THROW(BodyMap(Millimetres(800), ChairGeometry{}), std::invalid_argument);
}

}  // namespace
