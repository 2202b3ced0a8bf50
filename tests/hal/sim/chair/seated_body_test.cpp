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

}  // namespace
}  // namespace sim
