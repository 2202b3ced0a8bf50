// Sessions on the simulated chair over Modbus TCP, in stepped time: what the supervisor lets
// through is what the simulated back feels. The midline is never pressed, the force stays under
// the region's ceiling, a hold ends within 90 s and is followed by a release, no tapping over
// the kidneys, and a session ends at its timer with paused time left out.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/daemon/control/chair_rig.hpp"
#include "tests/daemon/support/hold_at_spot.hpp"
#include "tests/daemon/support/travel_sweep.hpp"

using anatomy::VertebralLevel;
using control::ChairState;
using control_test::ChairRig;
using control_test::RigOptions;
using hal::AxisKind;
using safety::Rule;
using namespace std::chrono_literals;
using testing::HasSubstr;

namespace {

control::SetpointContext massage_on(const ChairRig& rig) {
  control::SetpointContext context;
  context.purpose = control::Purpose::massage;
  context.body = rig.body_map();
  return context;
}

control::HoldSpec hold_at(const ChairRig& rig, VertebralLevel level, units::Newtons force) {
  control::HoldSpec spec;
  spec.travel = rig.body_map().travel_of(level);
  spec.lateral = units::Millimetres(35.0);
  spec.force = force;
  spec.context = massage_on(rig);
  return spec;
}

bool start(ChairRig& rig, std::unique_ptr<control::SetpointSource> source) {
  const auto reply = rig.answer(rig.controller().start_session(std::move(source)));
  EXPECT_TRUE(reply.accepted) << reply.message;
  return reply.accepted;
}

double contact(const ChairRig& rig) {
  return const_cast<ChairRig&>(rig).chair().force().contact.value();
}

// Runs the rig for `duration`, keeping the largest true contact force.
double largest_contact_over(ChairRig& rig, std::chrono::nanoseconds duration) {
  double largest = 0.0;
  const auto end = rig.clock().now() + duration;
  while (rig.clock().now() < end) {
    rig.cycle();
    largest = std::max(largest, contact(rig));
  }
  return largest;
}

// A program whose step fails after a while, as a bug in it would.
class FailingProgram final : public control::SetpointSource {
 public:
  explicit FailingProgram(control::HoldSpec spec) : hold_(std::move(spec)) {}
  [[nodiscard]] std::string name() const override { return "a failing program"; }
  control::SetpointRequest next(const control::ChairMeasurement& measured,
                                std::chrono::nanoseconds run_time) override {
    if (run_time > 10s) throw std::runtime_error("step 3 has no target");
    return hold_.next(measured, run_time);
  }
  [[nodiscard]] bool finished() const override { return false; }

 private:
  control::HoldAtSpot hold_;
};

TEST(ChairSession, AHoldOnAMuscleReachesItsForce) {
  ChairRig rig;
  ASSERT_TRUE(rig.bring_to_ready());
  auto source =
      std::make_unique<control::HoldAtSpot>(hold_at(rig, VertebralLevel::T6, units::Newtons(15.0)));
  const auto* hold = source.get();
  ASSERT_TRUE(start(rig, std::move(source)));
  ASSERT_TRUE(rig.run_until([hold] { return hold->pressing(); }, 20s));
  rig.run_for(8s);
  // The load cell's offset and gain error are corrected: the back feels what was asked.
  EXPECT_NEAR(contact(rig), 15.0, 1.5);
  EXPECT_EQ(rig.state(), ChairState::running);
}

TEST(ChairSession, AMidlinePressIsRefusedAndTheBackFeelsNothing) {
  ChairRig rig;
  ASSERT_TRUE(rig.bring_to_ready());
  auto spec = hold_at(rig, VertebralLevel::T6, units::Newtons(20.0));
  spec.lateral = units::Millimetres(23.0);  // within reach of the rollers, inside the clearance
  auto source = std::make_unique<control::HoldAtSpot>(spec);
  const auto* hold = source.get();
  ASSERT_TRUE(start(rig, std::move(source)));
  ASSERT_TRUE(rig.run_until([hold] { return hold->pressing(); }, 20s));
  EXPECT_LT(largest_contact_over(rig, 10s), 1.0);
  EXPECT_NEAR(rig.truth(AxisKind::depth).position.value(), 0.0, 0.5);
  const auto decision = rig.controller().last_decision();
  ASSERT_TRUE(decision);
  EXPECT_TRUE(decision->acted(Rule::midline));
  EXPECT_EQ(rig.state(), ChairState::running);  // a refusal is no fault
}

TEST(ChairSession, TheForceIsClampedToTheLumbarCeiling) {
  ChairRig rig;
  ASSERT_TRUE(rig.bring_to_ready());
  auto source =
      std::make_unique<control::HoldAtSpot>(hold_at(rig, VertebralLevel::L5, units::Newtons(40.0)));
  const auto* hold = source.get();
  ASSERT_TRUE(start(rig, std::move(source)));
  ASSERT_TRUE(rig.run_until([hold] { return hold->pressing(); }, 20s));
  const double largest = largest_contact_over(rig, 15s);
  EXPECT_LT(largest, 18.0 + 1.5);  // the lumbar ceiling, with the load cell's noise
  EXPECT_NEAR(contact(rig), 18.0, 1.5);
  const auto decision = rig.controller().last_decision();
  ASSERT_TRUE(decision);
  EXPECT_TRUE(decision->acted(Rule::region_force));
  EXPECT_EQ(decision->force_limit, units::Newtons(18.0));
}

// The long stepped-time runs below go over the in-memory link: they are about the session, and
// the socket is tested by the others.
RigOptions in_memory() {
  RigOptions options;
  options.link = control_test::RigLink::in_memory;
  return options;
}

TEST(ChairSession, AHoldEndsWithin90SecondsAndIsFollowedByARelease) {
  ChairRig rig(in_memory());
  ASSERT_TRUE(rig.bring_to_ready());
  auto source =
      std::make_unique<control::HoldAtSpot>(hold_at(rig, VertebralLevel::T8, units::Newtons(20.0)));
  ASSERT_TRUE(start(rig, std::move(source)));
  ASSERT_TRUE(rig.run_until([&rig] { return contact(rig) >= 3.0; }, 30s));
  const auto pressed_at = rig.clock().now();
  ASSERT_TRUE(rig.run_until([&rig] { return contact(rig) < 3.0; }, 100s));
  const auto held = rig.clock().now() - pressed_at;
  EXPECT_LE(held, 90s);
  EXPECT_GE(held, 85s);
  EXPECT_TRUE(rig.controller().last_decision()->acted(Rule::compression_time));
  // The release lasts its 10 s; then the spot may be pressed again.
  const auto released_at = rig.clock().now();
  ASSERT_TRUE(rig.run_until([&rig] { return contact(rig) >= 3.0; }, 20s));
  EXPECT_GE(rig.clock().now() - released_at, 10s);
  EXPECT_EQ(rig.state(), ChairState::running);
}

TEST(ChairSession, NoTappingOverTheKidneysButElsewhere) {
  ChairRig rig;
  ASSERT_TRUE(rig.bring_to_ready());
  const auto body = rig.body_map();
  control::SweepSpec spec;
  spec.from = body.travel_of(VertebralLevel::T12) + units::Millimetres(30.0);
  spec.to = body.travel_of(VertebralLevel::L2);
  spec.tap = units::Rpm(300.0);
  spec.context = massage_on(rig);
  ASSERT_TRUE(start(rig, std::make_unique<control::TravelSweep>(spec)));
  double fastest = 0.0;
  const auto end = rig.clock().now() + 20s;
  while (rig.clock().now() < end) {
    rig.cycle();
    fastest = std::max(fastest, std::abs(rig.truth(AxisKind::tap).speed.value()));
  }
  EXPECT_LT(fastest, 1.0);
  EXPECT_TRUE(rig.controller().last_decision()->acted(Rule::kidney_tapping));

  ASSERT_TRUE(rig.answer(rig.controller().stop_session()).accepted);
  ASSERT_TRUE(rig.run_until([&rig] { return rig.state() == ChairState::ready; }, 30s));
  spec.from = body.travel_of(VertebralLevel::T3);
  spec.to = body.travel_of(VertebralLevel::T6);
  ASSERT_TRUE(start(rig, std::make_unique<control::TravelSweep>(spec)));
  rig.run_for(15s);
  EXPECT_NEAR(std::abs(rig.truth(AxisKind::tap).speed.value()), 300.0, 5.0);
}

TEST(ChairSession, AProgramThatFailsEndsItsSessionGently) {
  ChairRig rig;
  ASSERT_TRUE(rig.bring_to_ready());
  ASSERT_TRUE(start(rig, std::make_unique<FailingProgram>(
                             hold_at(rig, VertebralLevel::T6, units::Newtons(15.0)))));
  ASSERT_TRUE(rig.run_until([&rig] { return rig.state() != ChairState::running; }, 20s));
  EXPECT_EQ(rig.controller().status().describe(),
            "stopping: the program failed: step 3 has no target");
  ASSERT_TRUE(rig.run_until([&rig] { return rig.state() == ChairState::ready; }, 30s));
  EXPECT_LT(contact(rig), 0.5);
  EXPECT_FALSE(rig.controller().status().latched);  // a program's failure is no fault
}

TEST(ChairSession, NoPressingBeforeTheBodyScan) {
  ChairRig rig;
  ASSERT_TRUE(rig.bring_to_ready());
  auto spec = hold_at(rig, VertebralLevel::T6, units::Newtons(20.0));
  spec.context.body.reset();
  auto source = std::make_unique<control::HoldAtSpot>(spec);
  const auto* hold = source.get();
  ASSERT_TRUE(start(rig, std::move(source)));
  ASSERT_TRUE(rig.run_until([hold] { return hold->pressing(); }, 20s));
  EXPECT_LT(largest_contact_over(rig, 5s), 1.0);
  EXPECT_TRUE(rig.controller().last_decision()->acted(Rule::depth_needs_body_scan));
}

TEST(ChairSession, APauseReleasesTheBackAndAResumePressesAgain) {
  ChairRig rig;
  ASSERT_TRUE(rig.bring_to_ready());
  ASSERT_TRUE(start(rig, std::make_unique<control::HoldAtSpot>(
                             hold_at(rig, VertebralLevel::T6, units::Newtons(15.0)))));
  ASSERT_TRUE(rig.run_until([&rig] { return contact(rig) >= 10.0; }, 30s));
  ASSERT_TRUE(rig.answer(rig.controller().pause()).accepted);
  EXPECT_EQ(rig.state(), ChairState::paused);
  rig.run_for(3s);
  EXPECT_LT(contact(rig), 0.5);
  EXPECT_NEAR(rig.truth(AxisKind::depth).position.value(), 0.0, 0.5);
  const auto refused =
      rig.answer(rig.controller().start_session(std::make_unique<control::HoldAtSpot>(
          hold_at(rig, VertebralLevel::T6, units::Newtons(5.0)))));
  EXPECT_EQ(refused.message,
            "cannot start a session: a session is paused; resume or stop the session first");
  ASSERT_TRUE(rig.answer(rig.controller().resume()).accepted);
  EXPECT_TRUE(rig.run_until([&rig] { return contact(rig) >= 10.0; }, 10s));
}

TEST(ChairSession, TheSessionEndsAtItsTimerWithPausedTimeLeftOut) {
  auto options = in_memory();
  options.rate_hz = 10;  // a 17-minute run in stepped time at the slowest rate
  ChairRig rig(options);
  ASSERT_TRUE(rig.bring_to_ready());
  control::SweepSpec spec;
  spec.from = rig.body_map().travel_of(VertebralLevel::T3);
  spec.to = rig.body_map().travel_of(VertebralLevel::T9);
  spec.force = units::Newtons(12.0);
  spec.context = massage_on(rig);
  ASSERT_TRUE(start(rig, std::make_unique<control::TravelSweep>(spec)));
  const auto started = rig.clock().now();
  rig.run_for(5min);
  ASSERT_TRUE(rig.answer(rig.controller().pause()).accepted);
  rig.run_for(2min);
  ASSERT_TRUE(rig.answer(rig.controller().resume()).accepted);
  ASSERT_TRUE(rig.run_until([&rig] { return rig.state() != ChairState::running; }, 11min));
  const auto ran = rig.clock().now() - started;
  EXPECT_GE(ran, 17min);
  EXPECT_LE(ran, 17min + 2 * rig.period());
  EXPECT_EQ(rig.controller().status().cause, "the session's 15 minutes are over");
  EXPECT_TRUE(rig.controller().last_decision()->acted(Rule::session_time));
  ASSERT_TRUE(rig.run_until([&rig] { return rig.state() == ChairState::ready; }, 60s));
  EXPECT_LT(contact(rig), 0.5);
  EXPECT_NEAR(rig.truth(AxisKind::travel).position.value(), 5.0, 1.0);  // parked
}

TEST(ChairSession, AnExtendedSessionRunsFiveMinutesLongerAndNoMoreThanThirty) {
  ChairRig rig;
  ASSERT_TRUE(rig.bring_to_ready());
  control::SweepSpec spec;
  spec.from = rig.body_map().travel_of(VertebralLevel::T3);
  spec.to = rig.body_map().travel_of(VertebralLevel::T9);
  spec.context = massage_on(rig);
  ASSERT_TRUE(start(rig, std::make_unique<control::TravelSweep>(spec)));
  const auto started = rig.clock().now();
  for (const int minutes : {20, 25, 30}) {
    const auto reply = rig.answer(rig.controller().extend_session());
    EXPECT_TRUE(reply.accepted) << reply.message;
    EXPECT_EQ(reply.message, "the session's limit is now " + std::to_string(minutes) + " min");
  }
  const auto refused = rig.answer(rig.controller().extend_session());
  EXPECT_FALSE(refused.accepted);
  EXPECT_THAT(refused.message, HasSubstr("would pass the maximum of 30 min"));
  rig.cycle();
  const auto left = rig.controller().session_remaining();
  const auto ran = rig.clock().now() - started;
  EXPECT_LE(left, std::chrono::nanoseconds(30min) - ran);
  EXPECT_GE(left, std::chrono::nanoseconds(30min) - ran - rig.period());
}

}  // namespace
