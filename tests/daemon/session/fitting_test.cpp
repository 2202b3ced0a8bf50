// How intensities become forces for this body, and how the person's changes act on them: the
// supervisor's region ceilings and the person's maximum bound every force, "more" and "less"
// shift the whole program, a tender spot stays gentler, the focus moves a level at a time but
// never off a muscle.

#include "daemon/session/fitting.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "daemon/safety/compression_hold.hpp"
#include "daemon/session/pressing_force.hpp"

namespace {

using anatomy::Muscle;
using anatomy::Side;
using anatomy::VertebralLevel;
using programs::Intensity;
using session::Fitting;
using session::force_of;
using units::Millimetres;
using units::Newtons;

const bodymap::BodyMap kMediumMap{Millimetres(440.0), bodymap::ChairGeometry{}};

Fitting fitting(Intensity most = Intensity(10)) {
  auto calibration = safety::uncalibrated();
  calibration.valid = true;
  return Fitting(kMediumMap, safety::SafetyLimits{}, calibration, most);
}

Newtons force_at(const Fitting& fit, int intensity, VertebralLevel level, Side side = Side::both) {
  const auto travel = fit.body().travel_of(level);
  return fit.force(Intensity(intensity), level, side, travel, travel);
}

TEST(PressingForce, IntensityOneIsATouchAndTenIsTheCeiling) {
  EXPECT_EQ(force_of(1, Newtons(25.0)), safety::kTouchForce);
  EXPECT_EQ(force_of(10, Newtons(25.0)), Newtons(25.0));
  EXPECT_NEAR(force_of(5, Newtons(25.0)).value(), 3.0 + 22.0 * 4.0 / 9.0, 1e-9);
  EXPECT_LE(force_of(10, Newtons(2.0)), Newtons(2.0));  // never above a ceiling below a touch
}

TEST(Fitting, TheSameIntensityPressesLessOverTheKidneysThanBetweenTheShoulderBlades) {
  const auto fit = fitting();
  const safety::SafetyLimits limits;
  EXPECT_EQ(force_at(fit, 10, VertebralLevel::T5), limits.region_force.thoracic);
  EXPECT_EQ(force_at(fit, 10, VertebralLevel::L2), limits.region_force.kidney);
  EXPECT_EQ(force_at(fit, 10, VertebralLevel::L5), limits.region_force.lumbar);
  EXPECT_EQ(force_at(fit, 10, VertebralLevel::C7), limits.region_force.neck);
  EXPECT_GT(force_at(fit, 3, VertebralLevel::T5), force_at(fit, 3, VertebralLevel::L2));
}

TEST(Fitting, MoreAndLessShiftEveryIntensityWithinOneToTheMaximum) {
  auto fit = fitting();
  fit.set_intensity_shift(+2);
  EXPECT_EQ(fit.intensity(Intensity(5), VertebralLevel::T5, Side::both), 7);
  EXPECT_EQ(fit.intensity(Intensity(9), VertebralLevel::T5, Side::both), 10);
  fit.set_intensity_shift(-3);
  EXPECT_EQ(fit.intensity(Intensity(5), VertebralLevel::T5, Side::both), 2);
  EXPECT_EQ(fit.intensity(Intensity(2), VertebralLevel::T5, Side::both), 1);
}

TEST(Fitting, ThePersonsMaximumCapsEveryIntensityAndReachesTheSupervisor) {
  auto fit = fitting(Intensity(4));
  fit.set_intensity_shift(+5);
  EXPECT_EQ(fit.intensity(Intensity(6), VertebralLevel::T5, Side::both), 4);
  const auto travel = fit.body().travel_of(VertebralLevel::T5);
  const auto context = fit.context(true, travel, travel, std::nullopt);
  ASSERT_TRUE(context.max_intensity.has_value());
  EXPECT_EQ(*context.max_intensity, force_at(fit, 4, VertebralLevel::T5));
  // A step pressing lightly keeps the drive's force limit just above its force.
  const auto light = fit.context(true, travel, travel, Newtons(5.0));
  EXPECT_EQ(*light.max_intensity, Newtons(5.0 * session::kForceHeadroom + 1.0));
  EXPECT_EQ(context.purpose, control::Purpose::massage);
  EXPECT_TRUE(context.engage_depth);
  ASSERT_TRUE(context.body.has_value());
}

TEST(Fitting, ATenderSpotIsWorkedTwoStepsLighterThereOnly) {
  auto fit = fitting();
  const auto kept = fit.mark_tender(VertebralLevel::T4, Side::left, 6);
  EXPECT_EQ(kept.most_intensity, 4);
  EXPECT_EQ(fit.intensity(Intensity(6), VertebralLevel::T4, Side::left), 4);
  EXPECT_EQ(fit.intensity(Intensity(6), VertebralLevel::T4, Side::both), 4);  // both includes left
  EXPECT_EQ(fit.intensity(Intensity(6), VertebralLevel::T4, Side::right), 6);
  EXPECT_EQ(fit.intensity(Intensity(6), VertebralLevel::T5, Side::left), 6);
  // Still tender: lighter again, never below 1.
  fit.mark_tender(VertebralLevel::T4, Side::left, 4);
  EXPECT_EQ(fit.intensity(Intensity(6), VertebralLevel::T4, Side::left), 2);
  fit.mark_tender(VertebralLevel::T4, Side::left, 2);
  EXPECT_EQ(fit.intensity(Intensity(6), VertebralLevel::T4, Side::left), 1);
  EXPECT_EQ(fit.tender_spots().size(), 1U);
}

TEST(Fitting, TheFocusMovesALevelAtATimeButNeverOffAMuscle) {
  auto fit = fitting();
  fit.set_focus_shift(+1);
  EXPECT_EQ(fit.focus(VertebralLevel::T4, Muscle::longissimus), VertebralLevel::T5);
  EXPECT_EQ(fit.place(VertebralLevel::T4, Muscle::longissimus).travel,
            kMediumMap.travel_of(VertebralLevel::T5));
  // The rhomboid reaches down to T5 only.
  EXPECT_EQ(fit.focus(VertebralLevel::T5, Muscle::rhomboid), VertebralLevel::T5);
  EXPECT_EQ(fit.focus(VertebralLevel::T5, Millimetres(55.0)), VertebralLevel::T6);
  fit.set_focus_shift(-2);
  EXPECT_EQ(fit.focus(VertebralLevel::T1, Muscle::longissimus), VertebralLevel::C7);
}

}  // namespace
