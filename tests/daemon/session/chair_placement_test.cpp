// Where "T4, left longissimus" lands on this chair for this body: the level where the body map
// puts it, each roller in the muscle's band outside the midline clearance, the width twice that,
// and within the calibrated ranges (saying so when a range moves the spot).

#include "daemon/session/chair_placement.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace {

using anatomy::Muscle;
using anatomy::Side;
using anatomy::VertebralLevel;
using session::AnatomicalSpot;
using session::place_on_chair;
using testing::HasSubstr;
using units::Millimetres;

safety::Calibration calibration() {
  auto c = safety::uncalibrated();
  c.valid = true;
  return c;
}

TEST(ChairPlacement, ALevelAndMuscleLandWhereTheBodyMapAndTheMusclesBandPutThem) {
  for (const double shoulder : {360.0, 440.0, 520.0}) {
    const bodymap::BodyMap body(Millimetres(shoulder), bodymap::ChairGeometry{});
    const auto p = place_on_chair({VertebralLevel::T4, Muscle::longissimus, Side::left}, body,
                                  calibration(), safety::SafetyLimits{});
    EXPECT_EQ(p.travel, body.travel_of(VertebralLevel::T4));
    EXPECT_EQ(p.lateral, Millimetres(32.5));  // the middle of 2.5..4 cm
    EXPECT_EQ(p.width, Millimetres(65.0));
    EXPECT_TRUE(p.limited.empty()) << p.limited;
  }
}

TEST(ChairPlacement, AMuscleBesideTheSpineIsWorkedOutsideTheMidlineClearance) {
  const bodymap::BodyMap body(Millimetres(440.0), bodymap::ChairGeometry{});
  safety::SafetyLimits strict;
  strict.midline_clearance = Millimetres(30.0);
  const auto p = place_on_chair({VertebralLevel::L5, Muscle::multifidus, Side::both}, body,
                                calibration(), strict);
  EXPECT_GE(p.lateral, Millimetres(30.0));
}

TEST(ChairPlacement, ASpotBeyondTheCalibratedTravelIsMovedInsideAndSaysSo) {
  const bodymap::BodyMap body(Millimetres(360.0), bodymap::ChairGeometry{});
  auto c = calibration();
  c.travel.min = Millimetres(400.0);
  const auto p = place_on_chair({VertebralLevel::C7, Millimetres(40.0), Side::both}, body, c,
                                safety::SafetyLimits{});
  EXPECT_EQ(p.travel, Millimetres(405.0));
  EXPECT_THAT(p.limited, HasSubstr("outside the rollers' reach of 405.0 mm to 1195.0 mm"));
}

TEST(ChairPlacement, ASpotReadsAsThePanelShowsIt) {
  EXPECT_EQ(session::to_string(AnatomicalSpot{VertebralLevel::T4, Muscle::longissimus, Side::left}),
            "T4, left longissimus");
  EXPECT_EQ(session::to_string(AnatomicalSpot{VertebralLevel::T6, Millimetres(55.0), Side::both}),
            "T6, 5.5 cm, both sides");
}

}  // namespace
