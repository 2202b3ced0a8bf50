// Nudging the shoulder position: in 10 mm steps, at most five either way, and never where no
// back would fit.

#include "daemon/session/shoulder_position.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/daemon/session/calibrated_chair.hpp"

namespace {

using session::nudged;
using session::ShoulderPosition;
using testing::HasSubstr;

TEST(ShoulderPosition, ANudgeMovesTheShouldersTenMillimetresAStep) {
  const ShoulderPosition scanned{units::Millimetres(440.0), 0};
  const auto down = nudged(scanned, 2, bodymap::ChairGeometry{}, session_test::calibrated_chair());
  ASSERT_TRUE(down) << down.error();
  EXPECT_EQ(down->travel(), units::Millimetres(460.0));
  const auto up = nudged(*down, -3, bodymap::ChairGeometry{}, session_test::calibrated_chair());
  ASSERT_TRUE(up) << up.error();
  EXPECT_EQ(up->travel(), units::Millimetres(430.0));
  EXPECT_EQ(up->scanned, units::Millimetres(440.0));
}

TEST(ShoulderPosition, NudgesStopFiveStepsFromTheScan) {
  ShoulderPosition p{units::Millimetres(440.0), 0};
  for (int i = 0; i < 5; ++i)
    p = nudged(p, -1, bodymap::ChairGeometry{}, session_test::calibrated_chair()).value();
  const auto sixth = nudged(p, -1, bodymap::ChairGeometry{}, session_test::calibrated_chair());
  ASSERT_FALSE(sixth);
  EXPECT_THAT(sixth.error(), HasSubstr("already 50 mm above where the scan found it"));
  EXPECT_THAT(sixth.error(), HasSubstr("scan again"));
  EXPECT_TRUE(nudged(p, +1, bodymap::ChairGeometry{}, session_test::calibrated_chair()));
}

TEST(ShoulderPosition, ANudgeThatLeavesNoRoomForTheSpineIsRefused) {
  // Shoulders 650 mm down a track whose seat is at 1000 mm leave 250 mm from C7 to S1.
  const ShoulderPosition low{units::Millimetres(650.0), 0};
  const auto lower = nudged(low, +1, bodymap::ChairGeometry{}, session_test::calibrated_chair());
  ASSERT_FALSE(lower);
  EXPECT_THAT(lower.error(), HasSubstr("move the shoulder position up"));
}

TEST(ShoulderPosition, AShoulderOutsideTheTravelRangeDoesNotFit) {
  auto c = session_test::calibrated_chair();
  c.travel.min = units::Millimetres(300.0);
  const auto body = session::fit_body({units::Millimetres(295.0), 0}, {}, c);
  ASSERT_FALSE(body);
  EXPECT_THAT(body.error(), HasSubstr("outside the rollers' travel of 300 mm to 1200 mm"));
}

}  // namespace
