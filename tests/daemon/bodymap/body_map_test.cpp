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

TEST(BodyMap, RefusesShouldersTooCloseToTheSeat) {
  EXPECT_THROW(BodyMap(Millimetres(800), ChairGeometry{}), std::invalid_argument);
}

}  // namespace
