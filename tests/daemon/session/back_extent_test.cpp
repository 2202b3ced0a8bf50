// What a person is told of a part skipped for want of a back, and how the time left is estimated
// once the session knows where the back ends: a later step wholly where there is no back counts
// only the rollers' search for it, a stroke only the part with a back, and touching the back
// beyond a known end (the person sat back) moves that end.

#include "daemon/session/back_extent.hpp"

#include <gtest/gtest.h>

#include "daemon/programs/duration_estimate.hpp"

namespace {

using anatomy::VertebralLevel;
using session::BackExtent;
using session::MissingBack;
using session::SkippedPart;
using session::SkippedWork;
using std::chrono::nanoseconds;
using units::Millimetres;

const bodymap::BodyMap kMediumBackMap{Millimetres(440.0), bodymap::ChairGeometry{}};
const programs::DurationModel kOnMedium{kMediumBackMap};
const safety::SafetyLimits kLimits{};

SkippedPart lost(MissingBack where, VertebralLevel level, SkippedWork what) {
  return SkippedPart{.step = 2,
                     .technique = "rolling",
                     .level = level,
                     .where = where,
                     .travel = kMediumBackMap.travel_of(level),
                     .what = what};
}

programs::Compression hold_at(VertebralLevel level) {
  return programs::Compression{.level = level,
                               .side = anatomy::Side::both,
                               .target = anatomy::Muscle::longissimus,
                               .intensity = programs::Intensity(5),
                               .hold = std::chrono::seconds(45),
                               .increments = 1,
                               .release = std::chrono::seconds(10),
                               .repeats = 2};
}

programs::Rolling rolling(VertebralLevel top, VertebralLevel bottom) {
  return programs::Rolling{.span = {top, bottom},
                           .target = anatomy::Muscle::longissimus,
                           .intensity = programs::Intensity(4),
                           .speed = units::MillimetresPerSecond(30.0),
                           .passes = 4};
}

double seconds(nanoseconds d) { return std::chrono::duration<double>(d).count(); }

TEST(SkippedPart, TellsWhereTheBackWasMissingAndWhatWasSkipped) {
  EXPECT_EQ(
      session::reason(lost(MissingBack::below, VertebralLevel::L3, SkippedWork::rest_of_stroke)),
      "no contact below L3: the rest of the stroke is skipped");
  EXPECT_EQ(session::reason(lost(MissingBack::at, VertebralLevel::L5, SkippedWork::rest_of_step)),
            "no contact at L5: the rest of this step is skipped");
  EXPECT_EQ(
      session::reason(lost(MissingBack::below, VertebralLevel::L4, SkippedWork::rest_of_sweep)),
      "no contact below L4: the sweep keeps to the part with a back");
  EXPECT_EQ(session::reason(lost(MissingBack::at, VertebralLevel::T9, SkippedWork::hold)),
            "no contact at T9: the hold is skipped");
}

TEST(BackExtent, WithNothingSkippedEveryStepCountsWhole) {
  const BackExtent extent;
  const programs::Step hold = hold_at(VertebralLevel::L5);
  EXPECT_EQ(extent.estimate(hold, kOnMedium, kLimits),
            nanoseconds(programs::estimated_duration(hold, kOnMedium)));
}

TEST(BackExtent, AStepWhereTheBackIsKnownMissingCountsOnlyTheSearch) {
  BackExtent extent;
  EXPECT_TRUE(extent.lost(lost(MissingBack::below, VertebralLevel::L3, SkippedWork::rest_of_stroke),
                          kMediumBackMap));
  // 110 s of holds at L5 become the few seconds the rollers look for the back there...
  EXPECT_LT(seconds(extent.estimate(hold_at(VertebralLevel::L5), kOnMedium, kLimits)), 10.0);
  // ...while a hold higher up counts whole.
  EXPECT_DOUBLE_EQ(seconds(extent.estimate(hold_at(VertebralLevel::T6), kOnMedium, kLimits)),
                   110.0);
  // A stroke down to S1 counts the part above L3 only, where the strokes turn.
  const auto whole =
      programs::estimated_duration(rolling(VertebralLevel::L1, VertebralLevel::S1), kOnMedium);
  const auto part =
      extent.estimate(rolling(VertebralLevel::L1, VertebralLevel::S1), kOnMedium, kLimits);
  const auto l1 = kMediumBackMap.travel_of(VertebralLevel::L1);
  const double share = (kMediumBackMap.travel_of(VertebralLevel::L3) - session::kTurnShortBy - l1) /
                       (kMediumBackMap.travel_of(VertebralLevel::S1) - l1);
  EXPECT_NEAR(seconds(part), seconds(whole) * share, 0.01);
  // A kneading of L4 and L5 has no part with a back left; one of L2 and L3 still has.
  const programs::Kneading low{.span = {VertebralLevel::L4, VertebralLevel::L5},
                               .target = anatomy::Muscle::longissimus,
                               .width = Millimetres(30.0),
                               .intensity = programs::Intensity(4),
                               .speed = units::Rpm(30.0),
                               .duration = std::chrono::seconds(120)};
  EXPECT_LT(seconds(extent.estimate(low, kOnMedium, kLimits)), 10.0);
  auto higher = low;
  higher.span = {VertebralLevel::L2, VertebralLevel::L3};
  EXPECT_DOUBLE_EQ(seconds(extent.estimate(higher, kOnMedium, kLimits)), 120.0);
}

TEST(BackExtent, NoBackAtASpotLowOnTheBackMeansNoneBelowIt) {
  BackExtent extent;
  EXPECT_TRUE(extent.lost(lost(MissingBack::at, VertebralLevel::L4, SkippedWork::rest_of_step),
                          kMediumBackMap));
  ASSERT_TRUE(extent.no_back_below().has_value());
  EXPECT_FALSE(extent.no_back_above().has_value());
  EXPECT_LT(seconds(extent.estimate(hold_at(VertebralLevel::L4), kOnMedium, kLimits)), 10.0);
  EXPECT_LT(seconds(extent.estimate(hold_at(VertebralLevel::L5), kOnMedium, kLimits)), 10.0);
  // What is known already changes nothing.
  EXPECT_FALSE(extent.lost(lost(MissingBack::at, VertebralLevel::L5, SkippedWork::rest_of_step),
                           kMediumBackMap));
}

TEST(BackExtent, TouchingTheBackBeyondAKnownEndMovesIt) {
  BackExtent extent;
  extent.lost(lost(MissingBack::below, VertebralLevel::L3, SkippedWork::rest_of_stroke),
              kMediumBackMap);
  control::ChairMeasurement measured;
  measured.travel = kMediumBackMap.travel_of(VertebralLevel::L5);
  measured.force = units::Newtons(0.5);  // no touch: nothing learnt
  EXPECT_FALSE(extent.observe(measured));
  measured.force = units::Newtons(6.0);  // the person sat back
  EXPECT_TRUE(extent.observe(measured));
  EXPECT_EQ(extent.no_back_below(), measured.travel);
  EXPECT_DOUBLE_EQ(seconds(extent.estimate(hold_at(VertebralLevel::L5), kOnMedium, kLimits)),
                   110.0);
}

}  // namespace
