#include "daemon/calibration/jog.hpp"

#include <gtest/gtest.h>

#include "tests/daemon/control/chair_rig.hpp"

namespace calibration {
namespace {

using control_test::ChairRig;

TEST(Jog, AxisStopsWhenTheConfirmationsStop) {
  control_test::RigOptions options;
  options.body.seated = false;
  ChairRig rig(options);
  ASSERT_TRUE(rig.bring_to_ready());
  const auto start = rig.truth(hal::AxisKind::travel).position;
  auto dead_man = std::make_shared<DeadMan>();
  JogSpec spec;
  spec.step = units::Millimetres(300.0);
  ASSERT_TRUE(
      rig.answer(rig.controller()
                     .start(std::make_unique<Jog>(spec, dead_man), control::Requester::technician)
                     .reply)
          .accepted);

  // The client confirms every 200 ms for a second: the carriage moves.
  for (int i = 0; i < 5; ++i) {
    dead_man->confirm();
    rig.run_for(std::chrono::milliseconds(200));
  }
  const auto moved_to = rig.truth(hal::AxisKind::travel).position;
  EXPECT_GT(moved_to, start + units::Millimetres(10.0));

  // Then it stops confirming: within the gap and a braking distance the carriage stands still,
  // far short of its 300 mm target.
  rig.run_for(std::chrono::seconds(2));
  const auto stopped_at = rig.truth(hal::AxisKind::travel).position;
  EXPECT_LT(stopped_at, moved_to + units::Millimetres(15.0));
  EXPECT_LT(stopped_at, start + units::Millimetres(100.0));
  rig.run_for(std::chrono::seconds(1));
  EXPECT_NEAR(rig.truth(hal::AxisKind::travel).position.value(), stopped_at.value(), 0.5);
  EXPECT_NE(rig.state(), control::ChairState::running);
}

TEST(Jog, AxisStopsAtOnceWhenTheClientLetsGo) {
  control_test::RigOptions options;
  options.body.seated = false;
  ChairRig rig(options);
  ASSERT_TRUE(rig.bring_to_ready());
  auto dead_man = std::make_shared<DeadMan>();
  JogSpec spec;
  spec.step = units::Millimetres(300.0);
  ASSERT_TRUE(
      rig.answer(rig.controller()
                     .start(std::make_unique<Jog>(spec, dead_man), control::Requester::technician)
                     .reply)
          .accepted);
  dead_man->confirm();
  rig.run_for(std::chrono::milliseconds(150));
  dead_man->let_go();  // the client disconnected
  rig.run_for(std::chrono::milliseconds(50));
  EXPECT_NE(rig.state(), control::ChairState::running);
}

}  // namespace
}  // namespace calibration
