// The emergency-stop latch on the simulated chair: a reset is refused, with what to do, while
// the cause remains and accepted once it is gone; the chair never resumes a session by itself,
// not even after its drives come back; an emergency stop from any thread reaches the drives at
// once and is idempotent.

#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/daemon/control/chair_rig.hpp"
#include "tests/daemon/support/hold_at_spot.hpp"

using anatomy::VertebralLevel;
using control::ChairState;
using control_test::ChairRig;
using control_test::RigOptions;
using hal::AxisKind;
using namespace std::chrono_literals;
using testing::HasSubstr;

namespace {

class ChairLatch : public testing::Test {
 protected:
  void press(RigOptions options = {}) {
    rig_ = std::make_unique<ChairRig>(options);
    ASSERT_TRUE(rig_->bring_to_ready());
    control::HoldSpec spec;
    spec.travel = rig_->body_map().travel_of(VertebralLevel::T6);
    spec.force = units::Newtons(15.0);
    spec.context.body = rig_->body_map();
    ASSERT_TRUE(
        rig_->answer(rig_->controller().start_session(std::make_unique<control::HoldAtSpot>(spec)))
            .accepted);
    ASSERT_TRUE(rig_->run_until([this] { return contact() >= 10.0; }, 30s));
  }

  double contact() { return rig_->chair().force().contact.value(); }

  control::CommandReply reset() { return rig_->answer(rig_->controller().reset()); }

  // Runs until the chair latches; false if it does not.
  bool until_latched(ChairState state) {
    return rig_->run_until([this, state] { return rig_->state() == state; }, 5s);
  }

  std::unique_ptr<ChairRig> rig_;
};

TEST_F(ChairLatch, AResetIsRefusedWhileADriveStillStallsAndAcceptedOnceItIsFree) {
  RigOptions options;
  options.limits.stall_time = 500ms;  // the drive's own stall alarm (200 ms) comes first
  press(options);
  rig_->chair().set_stalled(AxisKind::travel, true);
  ASSERT_TRUE(until_latched(ChairState::fault));
  rig_->run_for(1s);  // the quick stop is over

  const auto refused = reset();
  EXPECT_FALSE(refused.accepted);
  EXPECT_THAT(refused.message, HasSubstr("cannot reset: the travel drive (unit 1 on bus main) "
                                         "still reports alarm 1"));
  EXPECT_THAT(refused.message, HasSubstr("the cause remains"));
  EXPECT_EQ(rig_->state(), ChairState::fault);
  EXPECT_TRUE(rig_->controller().status().latched);

  rig_->chair().set_stalled(AxisKind::travel, false);
  const auto accepted = reset();
  EXPECT_TRUE(accepted.accepted) << accepted.message;
  ASSERT_TRUE(rig_->run_until([this] { return rig_->state() == ChairState::ready; }, 30s))
      << rig_->controller().status().describe();
  EXPECT_FALSE(rig_->controller().status().latched);
}

TEST_F(ChairLatch, AResetIsRefusedWhileAMotorIsStillHot) {
  press();
  rig_->chair().set_motor_temperature(AxisKind::depth, units::Celsius(75.0));
  ASSERT_TRUE(until_latched(ChairState::fault));
  rig_->run_for(1s);
  const auto refused = reset();
  EXPECT_FALSE(refused.accepted);
  EXPECT_THAT(refused.message, HasSubstr("the depth motor is at"));
  EXPECT_THAT(refused.message, HasSubstr("let it cool below 65.0 °C, then reset again"));
  rig_->chair().set_motor_temperature(AxisKind::depth, units::Celsius(40.0));
  EXPECT_TRUE(reset().accepted);
}

TEST_F(ChairLatch, AResetIsRefusedWhileTheBusIsDownAndAcceptedOnceItIsBack) {
  press();
  rig_->unplug();
  ASSERT_TRUE(until_latched(ChairState::fault));
  rig_->run_for(1s);
  const auto refused = reset();
  EXPECT_FALSE(refused.accepted);
  EXPECT_THAT(refused.message, HasSubstr("no fresh status from the travel drive"));
  rig_->plug_in();
  ASSERT_TRUE(rig_->run_until([this] { return rig_->drives().bus(0).link_up(); }, 5s));
  rig_->run_for(200ms);
  const auto accepted = reset();  // the drives' communication-loss alarms are cleared
  EXPECT_TRUE(accepted.accepted) << accepted.message;
  EXPECT_TRUE(rig_->run_until([this] { return rig_->state() == ChairState::ready; }, 30s));
}

TEST_F(ChairLatch, TheChairNeverResumesASessionByItselfAfterAReconnect) {
  press();
  rig_->unplug();
  ASSERT_TRUE(until_latched(ChairState::fault));
  rig_->run_for(1s);
  rig_->plug_in();
  rig_->run_for(5s);
  EXPECT_EQ(rig_->state(), ChairState::fault);
  EXPECT_TRUE(rig_->drives().bus(0).link_up());
  EXPECT_LT(contact(), 0.5);
  for (const auto axis : hal::kAllAxisKinds) {
    EXPECT_FALSE(rig_->truth(axis).enabled) << hal::to_string(axis);
  }

  ASSERT_TRUE(reset().accepted);
  ASSERT_TRUE(rig_->run_until([this] { return rig_->state() == ChairState::ready; }, 30s));
  const auto parked_at = rig_->truth(AxisKind::travel).position;
  rig_->run_for(5s);
  EXPECT_EQ(rig_->state(), ChairState::ready);  // no session comes back
  EXPECT_LT(contact(), 0.5);
  EXPECT_NEAR(rig_->truth(AxisKind::travel).position.value(), parked_at.value(), 0.5);
}

TEST_F(ChairLatch, AnEmergencyStopFromAnotherThreadReachesEveryDriveAtOnce) {
  press();
  const auto stops_before = rig_->drives().bus(0).last_quick_stop().sequence;
  std::thread panel([this] { rig_->controller().emergency_stop("the panel"); });
  panel.join();
  // No control cycle has run: the HAL's bus thread sent the stop by itself.
  const auto deadline = std::chrono::steady_clock::now() + 2s;
  while (rig_->drives().bus(0).last_quick_stop().sequence == stops_before &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(1ms);
  }
  const auto record = rig_->drives().bus(0).last_quick_stop();
  EXPECT_GT(record.sequence, stops_before);
  EXPECT_EQ(record.confirmations.size(), 5U);
  for (const auto axis : hal::kAllAxisKinds) {
    EXPECT_NE(rig_->truth(axis).quick_stop, sim::QuickStopState::inactive) << hal::to_string(axis);
  }
  rig_->cycle();
  const auto status = rig_->controller().status();
  EXPECT_EQ(status.state, ChairState::emergency_stop);
  EXPECT_EQ(status.describe(), "emergency stop: requested by the panel");
  EXPECT_TRUE(status.latched);

  // Again, from elsewhere: nothing changes but another stop to the drives.
  rig_->controller().emergency_stop("a signal");
  rig_->run_for(2s);
  const auto again = rig_->controller().status();
  EXPECT_EQ(again.state, ChairState::emergency_stop);
  EXPECT_EQ(again.since, status.since);
  EXPECT_EQ(again.cause, status.cause);
  EXPECT_LT(contact(), 0.5);
  EXPECT_NEAR(rig_->truth(AxisKind::depth).position.value(), 0.0, 0.5);

  const auto refused = rig_->answer(
      rig_->controller().start_session(std::make_unique<control::HoldAtSpot>(control::HoldSpec{})));
  EXPECT_EQ(refused.message,
            "cannot start a session: the chair is in emergency stop; the emergency stop is "
            "latched; reset the chair");
  EXPECT_TRUE(reset().accepted);
  EXPECT_TRUE(rig_->run_until([this] { return rig_->state() == ChairState::ready; }, 30s));
}

TEST_F(ChairLatch, AResetWithNothingLatchedIsRefused) {
  rig_ = std::make_unique<ChairRig>();
  ASSERT_TRUE(rig_->bring_to_ready());
  const auto refused = reset();
  EXPECT_FALSE(refused.accepted);
  EXPECT_EQ(refused.message, "cannot reset: nothing is latched: the chair is ready");
}

}  // namespace
