#include "sim/chair/seated_body.hpp"

#include <gtest/gtest.h>

#include "sim/chair/back_anatomy.hpp"

// The body model on its own: where the back is, and how firm, at a fresh press.
namespace sim {
namespace {

units::Newtons press(const BodyConfig& body, double travel, double width, double depth) {
  const SeatedBody seated(body);
  return seated.force_at(RollerPlace{.travel = units::Millimetres(travel),
                                     .width = units::Millimetres(width),
                                     .depth = units::Millimetres(depth)});
}

TEST(SeatedBody, SpineMidlineIsHarderThanTheMuscleBesideIt) {
  const auto body = body_of_size(BodySize::medium);
  const double on_spine = press(body, 800.0, 40.0, 30.0).value();   // rollers 20 mm off midline
  const double on_muscle = press(body, 800.0, 80.0, 30.0).value();  // 40 mm: longissimus
  EXPECT_GT(on_spine, 1.5 * on_muscle) << on_spine << " N against " << on_muscle << " N";
}

TEST(SeatedBody, ShoulderBladeEdgeIsHarderThanTheRhomboids) {
  const auto body = body_of_size(BodySize::medium);
  const double travel = 440.0 + 0.2 * 560.0;                        // about T4
  const double blade = press(body, travel, 125.0, 20.0).value();    // 62 mm off midline
  const double rhomboid = press(body, travel, 60.0, 20.0).value();  // 30 mm
  EXPECT_GT(blade, 2.0 * rhomboid);
}

TEST(SeatedBody, TheShoulderBladesLowerEdgeIsFeltOverTheRollersContactAlongTheTrack) {
  const auto body = body_of_size(BodySize::medium);
  const double edge = 440.0 + 0.40 * 560.0;  // the blade's lower corner, about T7
  const auto at = [&](double travel) { return press(body, travel, 125.0, 20.0).value(); };
  // Over the blade, beside it, and in between while the roller is half on it: no step.
  EXPECT_GT(at(edge - 15.0), 2.0 * at(edge + 15.0));
  EXPECT_GT(at(edge - 5.0), at(edge));
  EXPECT_GT(at(edge), at(edge + 5.0));
  EXPECT_NEAR(at(edge), (at(edge - 15.0) + at(edge + 15.0)) / 2.0, 0.15 * at(edge - 15.0));
}

TEST(SeatedBody, StiffnessScaleMakesTheWholeBackFirmer) {
  auto body = body_of_size(BodySize::medium);
  const double normal = press(body, 800.0, 80.0, 30.0).value();
  body.stiffness_scale = 2.0;
  EXPECT_NEAR(press(body, 800.0, 80.0, 30.0).value(), 2.0 * normal, 1e-9);
}

TEST(SeatedBody, LumbarCurveLiesDeeperThanTheThoracic) {
  const auto body = body_of_size(BodySize::medium);
  const double thoracic = *surface_depth(body, 440.0 + 0.27 * 560.0, 40.0);
  const double lumbar = *surface_depth(body, 440.0 + 0.78 * 560.0, 40.0);
  EXPECT_GT(lumbar, thoracic + 10.0);
  EXPECT_FALSE(surface_depth(body, 300.0, 40.0).has_value()) << "nothing above the shoulders";
}

// How far the depth axis reaches out from its drawn-in position: no seated back lies farther.
constexpr double kRollersReach = 60.0;

TEST(SeatedBody, APersonSittingForwardLeansAwayFromTheRollersTowardTheSeat) {
  const auto upright = body_of_size(BodySize::medium);
  auto forward = upright;
  forward.sitting_forward = units::Millimetres(60.0);
  // Against the rollers at the shoulders, farther and farther from them down the back...
  EXPECT_NEAR(*surface_depth(forward, 450.0, 35.0), *surface_depth(upright, 450.0, 35.0), 1.5);
  EXPECT_NEAR(*surface_depth(forward, 720.0, 35.0) - *surface_depth(upright, 720.0, 35.0), 30.0,
              0.5);
  // ...until the lower back lies beyond the rollers' reach.
  EXPECT_LT(*surface_depth(forward, 700.0, 35.0), kRollersReach);
  EXPECT_GT(*surface_depth(forward, 880.0, 35.0), kRollersReach);
  EXPECT_DOUBLE_EQ(press(forward, 880.0, 70.0, kRollersReach).value(), 0.0);
  EXPECT_GT(press(upright, 880.0, 70.0, kRollersReach).value(), 20.0);
}

TEST(SeatedBody, AShortBackEndsAboveTheSeatAndCurvesAwayBelowItsEnd) {
  auto body = body_of_size(BodySize::medium);
  body.back_end_above_seat = units::Millimetres(200.0);  // the sacrum at 800 mm
  EXPECT_DOUBLE_EQ(back_end(body), 800.0);
  // The person's own back runs from the shoulders to its end: the lumbar curve is deepest higher
  // up than on a back that reaches the seat.
  EXPECT_NEAR(back_fraction(body, 800.0), 1.0, 1e-9);
  const auto deepest = [](const BodyConfig& b) {
    double at = 0.0;
    double most = 0.0;
    for (double travel = 500.0; travel <= 1000.0; travel += 2.0) {
      const auto depth = surface_depth(b, travel, 35.0).value_or(0.0);
      if (depth > most && travel < back_end(b)) {
        most = depth;
        at = travel;
      }
    }
    return at;
  };
  EXPECT_LT(deepest(body), deepest(body_of_size(BodySize::medium)) - 50.0);
  // Within reach at the back's end, beyond it a few centimetres further down.
  EXPECT_LT(*surface_depth(body, 800.0, 35.0), 20.0);
  EXPECT_GT(*surface_depth(body, 880.0, 35.0), kRollersReach);
  EXPECT_DOUBLE_EQ(press(body, 900.0, 70.0, kRollersReach).value(), 0.0);
}

TEST(SeatedBody, NobodySeatedIsNeverTouched) {
  auto body = body_of_size(BodySize::large);
  body.seated = false;
  for (double depth = 0.0; depth <= 100.0; depth += 10.0) {
    EXPECT_DOUBLE_EQ(press(body, 700.0, 80.0, depth).value(), 0.0);
  }
}

TEST(SeatedBody, ImplausibleBodyIsRefusedWithTheField) {
  auto body = body_of_size(BodySize::medium);
  body.nodules.push_back(Nodule{.radius = units::Millimetres(0.5)});
  try {
    SeatedBody seated(body);
    FAIL() << "a nodule of 0.5 mm radius was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("nodules[0].radius"), std::string::npos) << e.what();
  }
}

TEST(SeatedBody, ABackTooShortOrAPersonTooFarForwardIsRefusedWithTheField) {
  auto body = body_of_size(BodySize::medium);
  body.back_end_above_seat = units::Millimetres(400.0);  // 160 mm of back below the shoulders
  EXPECT_THROW(
      {
        try {
          SeatedBody seated(body);
        } catch (const std::invalid_argument& e) {
          EXPECT_NE(std::string(e.what()).find("back_end_above_seat"), std::string::npos)
              << e.what();
          throw;
        }
      },
      std::invalid_argument);
  body = body_of_size(BodySize::medium);
  body.sitting_forward = units::Millimetres(-5.0);
  EXPECT_THROW(SeatedBody seated(body), std::invalid_argument);
}

}  // namespace
}  // namespace sim
