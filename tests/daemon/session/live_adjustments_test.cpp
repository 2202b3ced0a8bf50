// The person's changes while the program runs: each answered at once, bounded, taken by the
// control loop in its next cycle; tender, hold here and nudges only while the program runs.

#include "daemon/session/live_adjustments.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/daemon/session/calibrated_chair.hpp"

namespace {

using session::LiveAdjustments;
using testing::HasSubstr;

TEST(LiveAdjustments, MoreAndLessAddUpAndStopAtTheirLimits) {
  LiveAdjustments adjust;
  EXPECT_TRUE(adjust.more().accepted);
  EXPECT_TRUE(adjust.more().accepted);
  EXPECT_TRUE(adjust.less().accepted);
  EXPECT_EQ(adjust.take().intensity_shift, 1);
  for (int i = 0; i < 10; ++i) (void)adjust.less();
  const auto refused = adjust.less();
  EXPECT_FALSE(refused.accepted);
  EXPECT_THAT(refused.message, HasSubstr("as light as it gets; stop the session"));
  EXPECT_EQ(adjust.take().intensity_shift, -session::kMostIntensityShift);
}

TEST(LiveAdjustments, TheFocusMovesAtMostThreeLevelsEitherWay) {
  LiveAdjustments adjust;
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(adjust.focus_up().accepted);
  const auto refused = adjust.focus_up();
  EXPECT_FALSE(refused.accepted);
  EXPECT_THAT(refused.message, HasSubstr("already 3 levels up the back"));
  EXPECT_TRUE(adjust.focus_down().accepted);
  EXPECT_EQ(adjust.take().focus_shift, -2);
}

TEST(LiveAdjustments, TenderAndHoldHereAreTakenOnceEach) {
  LiveAdjustments adjust;
  EXPECT_FALSE(adjust.tender().accepted);  // nothing runs yet
  adjust.begin({units::Millimetres(440.0), 0});
  EXPECT_TRUE(adjust.tender().accepted);
  EXPECT_TRUE(adjust.hold_here().accepted);
  const auto first = adjust.take();
  EXPECT_EQ(first.tender, 1);
  EXPECT_EQ(first.hold_here, 1);
  const auto second = adjust.take();
  EXPECT_EQ(second.tender, 0);
  EXPECT_EQ(second.hold_here, 0);
}

TEST(LiveAdjustments, ANudgeHandsTheLoopANewBodyOnce) {
  LiveAdjustments adjust;
  adjust.begin({units::Millimetres(440.0), 0});
  const auto moved =
      adjust.nudge_shoulder(-1, bodymap::ChairGeometry{}, session_test::calibrated_chair());
  ASSERT_TRUE(moved) << moved.error();
  EXPECT_EQ(moved->travel(), units::Millimetres(430.0));
  auto changes = adjust.take();
  ASSERT_TRUE(changes.body.has_value());
  EXPECT_EQ(changes.body->shoulder_travel(), units::Millimetres(430.0));
  EXPECT_EQ(changes.shoulder->nudge_steps, -1);
  EXPECT_FALSE(adjust.take().body.has_value());
}

TEST(LiveAdjustments, NothingIsAcceptedOnceTheProgramHasEnded) {
  LiveAdjustments adjust;
  adjust.begin({units::Millimetres(440.0), 0});
  adjust.finish();
  EXPECT_FALSE(adjust.more().accepted);
  EXPECT_FALSE(adjust.less().accepted);
  EXPECT_FALSE(adjust.focus_down().accepted);
  EXPECT_FALSE(adjust.hold_here().accepted);
  const auto nudge =
      adjust.nudge_shoulder(1, bodymap::ChairGeometry{}, session_test::calibrated_chair());
  ASSERT_FALSE(nudge);
  EXPECT_THAT(nudge.error(), HasSubstr("the program has ended"));
}

}  // namespace
