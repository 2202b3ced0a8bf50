#include "sim/observer/safety_observer.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "observer_world.hpp"

namespace sim {
namespace {

using namespace std::chrono_literals;
using hal::AxisKind;
using testing::ObserverWorld;

// Travel on the medium body's track: thoracic above 748 mm, the kidney zone to 860 mm, lumbar
// below; the neck above the shoulders at 440 mm.
constexpr double kThoracic = 600.0;
constexpr double kKidneyZone = 800.0;
constexpr double kLumbar = 920.0;
constexpr double kNeck = 430.0;

std::size_t count_of(const SafetyObserver& observer, ObserverRule rule) {
  const auto& f = observer.findings();
  return static_cast<std::size_t>(
      std::count_if(f.begin(), f.end(), [rule](const Finding& x) { return x.rule == rule; }));
}

const Finding* first_of(const SafetyObserver& observer, ObserverRule rule) {
  for (const auto& f : observer.findings()) {
    if (f.rule == rule) return &f;
  }
  return nullptr;
}

class SafetyObserverTest : public ::testing::Test {
 protected:
  // The back scanned, rollers on the longissimus 35 mm from the midline.
  void SetUp() override {
    world.scan(observer);
    ASSERT_TRUE(observer.body_scanned());
    ASSERT_TRUE(observer.findings().empty()) << observer.findings().front().describe();
    world.place(kThoracic, 70.0, 20.0);
  }

  ObserverWorld world;
  SafetyObserver observer;
};

TEST_F(SafetyObserverTest, ASessionWithinEveryCeilingIsSilent) {
  // Rolling down the thoracic back at 30 mm/s pressing 35 N, kneading at 60 rpm, a light press
  // over the kidney zone, tapping at 500 rpm over the lumbar back, a 60 s hold.
  world.axis(AxisKind::travel).velocity = units::MillimetresPerSecond(30.0);
  world.axis(AxisKind::knead).speed = units::Rpm(60.0);
  world.press(35.0);
  for (double travel = 480.0; travel < 740.0; travel += 0.03) {
    world.place(travel, 70.0, 20.0);
    world.step(observer);
  }
  world.axis(AxisKind::knead).speed = units::Rpm(0.0);
  world.press(7.0);
  world.place(kKidneyZone, 120.0, 20.0);
  world.hold_for(observer, 2s);
  world.axis(AxisKind::travel).velocity = units::MillimetresPerSecond(0.0);
  world.axis(AxisKind::tap).speed = units::Rpm(500.0);
  world.place(kLumbar, 70.0, 20.0);
  world.press(25.0);
  world.hold_for(observer, 5s);
  world.axis(AxisKind::tap).speed = units::Rpm(0.0);
  world.place(kThoracic, 70.0, 20.0);
  world.press(30.0);
  world.hold_for(observer, 60s);
  EXPECT_TRUE(observer.findings().empty()) << observer.findings().front().describe();
}

TEST_F(SafetyObserverTest, ContactWithinTheMidlineClearanceIsFlagged) {
  world.place(kThoracic, 30.0, 20.0);  // each roller 15 mm from the midline
  world.press(3.0);
  world.hold_for(observer, 10ms);
  const auto* f = first_of(observer, ObserverRule::spine_contact);
  ASSERT_NE(f, nullptr);
  EXPECT_DOUBLE_EQ(f->value, 15.0);
  EXPECT_DOUBLE_EQ(f->limit, 20.0);
  EXPECT_EQ(f->region, BackRegion::thoracic);
  // Close to the spine but not touching it is no finding.
  SafetyObserver untouched;
  world.press(0.0);
  world.hold_for(untouched, 10ms);
  EXPECT_EQ(count_of(untouched, ObserverRule::spine_contact), 0U);
}

TEST_F(SafetyObserverTest, ForceAboveItsRegionsCeilingIsFlaggedWithinTheTolerance) {
  struct Case {
    double travel;
    BackRegion region;
    double within;  // just inside ceiling + 10 %
    double above;
  };
  for (const auto& c : {Case{kNeck, BackRegion::neck, 16.4, 16.6},
                        Case{kThoracic, BackRegion::thoracic, 43.9, 44.1},
                        Case{kKidneyZone, BackRegion::kidney_zone, 8.7, 8.9},
                        Case{kLumbar, BackRegion::lumbar, 32.9, 33.1}}) {
    SCOPED_TRACE(std::string(to_string(c.region)));
    SafetyObserver fresh;
    world.scan(fresh);
    world.place(c.travel, 70.0, 20.0);
    world.press(c.within);
    world.hold_for(fresh, 10ms);
    EXPECT_EQ(count_of(fresh, ObserverRule::region_force), 0U);
    world.press(c.above);
    world.hold_for(fresh, 10ms);
    const auto* f = first_of(fresh, ObserverRule::region_force);
    ASSERT_NE(f, nullptr);
    EXPECT_EQ(f->region, c.region);
    EXPECT_DOUBLE_EQ(f->value, c.above);
  }
}

TEST_F(SafetyObserverTest, TappingOverTheKidneyZoneIsFlagged) {
  world.axis(AxisKind::tap).speed = units::Rpm(300.0);
  world.press(5.0);
  world.place(kThoracic, 70.0, 20.0);
  world.hold_for(observer, 10ms);
  EXPECT_EQ(count_of(observer, ObserverRule::kidney_tapping), 0U);
  world.place(kKidneyZone, 70.0, 20.0);
  world.hold_for(observer, 10ms);
  const auto* f = first_of(observer, ObserverRule::kidney_tapping);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->axis, AxisKind::tap);
  EXPECT_EQ(f->region, BackRegion::kidney_zone);
}

TEST_F(SafetyObserverTest, ContactHeldOnOneSpotBeyondNinetySecondsIsFlagged) {
  world.press(20.0);
  world.hold_for(observer, 89s);
  // Drifting 10 mm is still the same spot.
  world.place(kThoracic + 10.0, 70.0, 20.0);
  world.hold_for(observer, 1s);
  EXPECT_EQ(count_of(observer, ObserverRule::hold_too_long), 0U);
  world.hold_for(observer, 2s);
  const auto* f = first_of(observer, ObserverRule::hold_too_long);
  ASSERT_NE(f, nullptr);
  EXPECT_NEAR(f->value, 92.0, 0.01);
  EXPECT_DOUBLE_EQ(f->limit, 90.0);
  EXPECT_EQ(count_of(observer, ObserverRule::hold_too_long), 1U) << "one finding per hold";
}

TEST_F(SafetyObserverTest, MovingOnOrKneadingOrReleasingStartsTheHoldAfresh) {
  world.press(20.0);
  world.hold_for(observer, 60s);
  world.place(kThoracic + 20.0, 70.0, 20.0);  // a new spot
  world.hold_for(observer, 60s);
  world.press(2.0);  // released: a touch, not a press
  world.hold_for(observer, 5s);
  world.press(20.0);
  world.hold_for(observer, 60s);
  world.axis(AxisKind::knead).speed = units::Rpm(40.0);
  world.hold_for(observer, 120s);
  EXPECT_TRUE(observer.findings().empty()) << observer.findings().front().describe();
}

TEST_F(SafetyObserverTest, AnAxisMovingAfterAQuickStopBeforeItsResetIsFlagged) {
  auto& travel = world.axis(AxisKind::travel);
  travel.velocity = units::MillimetresPerSecond(60.0);
  world.step(observer);
  // Braking: slowing down every step is the stop doing its work.
  travel.quick_stop = QuickStopState::braking;
  for (double v = 59.0; v > 0.0; v -= 1.0) {
    travel.velocity = units::MillimetresPerSecond(v);
    world.step(observer);
  }
  travel.velocity = units::MillimetresPerSecond(0.0);
  travel.quick_stop = QuickStopState::stopped;
  travel.enabled = false;
  world.hold_for(observer, 10ms);
  EXPECT_TRUE(observer.findings().empty()) << observer.findings().front().describe();
  // Moving while stopped.
  travel.velocity = units::MillimetresPerSecond(5.0);
  world.hold_for(observer, 10ms);
  EXPECT_EQ(count_of(observer, ObserverRule::moving_after_quick_stop), 1U);
  // QUICK_STOP cleared but the drive not enabled again: still not reset.
  travel.quick_stop = QuickStopState::inactive;
  travel.velocity = units::MillimetresPerSecond(0.0);
  world.step(observer);
  travel.velocity = units::MillimetresPerSecond(5.0);
  world.hold_for(observer, 10ms);
  EXPECT_EQ(count_of(observer, ObserverRule::moving_after_quick_stop), 2U);
  // Reset: cleared and enabled; moving is fine again.
  travel.enabled = true;
  world.hold_for(observer, 10ms);
  EXPECT_EQ(count_of(observer, ObserverRule::moving_after_quick_stop), 2U);
}

TEST_F(SafetyObserverTest, SpeedingUpDuringAQuickStopOrTheDepthPushingInIsFlagged) {
  auto& depth = world.axis(AxisKind::depth);
  depth.quick_stop = QuickStopState::retracting;
  depth.velocity = units::MillimetresPerSecond(-20.0);  // withdrawing: the stop's own motion
  world.hold_for(observer, 10ms);
  EXPECT_EQ(count_of(observer, ObserverRule::moving_after_quick_stop), 0U);
  depth.velocity = units::MillimetresPerSecond(10.0);  // pushing into the back
  world.hold_for(observer, 10ms);
  EXPECT_EQ(count_of(observer, ObserverRule::moving_after_quick_stop), 1U);
  auto& width = world.axis(AxisKind::width);
  width.velocity = units::MillimetresPerSecond(12.0);
  world.step(observer);
  width.quick_stop = QuickStopState::braking;
  width.velocity = units::MillimetresPerSecond(10.0);
  world.step(observer);
  EXPECT_EQ(count_of(observer, ObserverRule::moving_after_quick_stop), 1U) << "braking is fine";
  width.velocity = units::MillimetresPerSecond(12.0);
  world.step(observer);
  ASSERT_EQ(count_of(observer, ObserverRule::moving_after_quick_stop), 2U);
  EXPECT_EQ(observer.findings().back().axis, AxisKind::width);
}

TEST_F(SafetyObserverTest, AStopMayKeepItsCommandedMotionForTheStepItBeganButNoLonger) {
  // A drive sees the cause of its stop after the step's motion: the kneading eccentric, ramping
  // up from 30 rpm, still speeds up to 34 rpm the step its quick stop begins.
  auto& knead = world.axis(AxisKind::knead);
  knead.speed = units::Rpm(30.0);
  world.step(observer);
  knead.quick_stop = QuickStopState::braking;
  knead.speed = units::Rpm(34.0);
  world.step(observer);
  EXPECT_TRUE(observer.findings().empty()) << observer.findings().front().describe();
  world.step(observer);
  ASSERT_EQ(count_of(observer, ObserverRule::moving_after_quick_stop), 1U);
  EXPECT_EQ(observer.findings().back().axis, AxisKind::knead);
}

TEST_F(SafetyObserverTest, ALinearAxisMovingUnhomedIsFlaggedButNotItsHomingRun) {
  auto& width = world.axis(AxisKind::width);
  width.homed = false;
  width.homing = true;
  width.velocity = units::MillimetresPerSecond(-10.0);
  world.hold_for(observer, 10ms);
  EXPECT_EQ(count_of(observer, ObserverRule::moving_unhomed), 0U);
  width.homing = false;
  world.hold_for(observer, 10ms);
  const auto* f = first_of(observer, ObserverRule::moving_unhomed);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->axis, AxisKind::width);
  // The eccentrics need no homing (datasheet).
  SafetyObserver other;
  world.axis(AxisKind::width).velocity = units::MillimetresPerSecond(0.0);
  world.axis(AxisKind::knead).speed = units::Rpm(50.0);
  world.hold_for(other, 10ms);
  EXPECT_EQ(count_of(other, ObserverRule::moving_unhomed), 0U);
}

// A depth drive that lost its reference retracts on a fault as the datasheet says: away from the
// back is no hazard. Toward it, unhomed, it is.
TEST_F(SafetyObserverTest, AnUnhomedDepthWithdrawingIsNoFindingButPushingOutIs) {
  auto& depth = world.axis(AxisKind::depth);
  depth.homed = false;
  depth.velocity = units::MillimetresPerSecond(-25.0);
  world.hold_for(observer, 10ms);
  EXPECT_EQ(count_of(observer, ObserverRule::moving_unhomed), 0U);
  depth.velocity = units::MillimetresPerSecond(5.0);
  world.hold_for(observer, 10ms);
  const auto* f = first_of(observer, ObserverRule::moving_unhomed);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->axis, AxisKind::depth);
}

TEST_F(SafetyObserverTest, PressingBeforeTheBodyScanIsFlaggedAndEachNewPersonNeedsOne) {
  SafetyObserver fresh;
  world.press(6.0);  // as light as a scan: allowed (the scan itself must touch)
  world.hold_for(fresh, 10ms);
  EXPECT_TRUE(fresh.findings().empty());
  world.press(20.0);
  world.hold_for(fresh, 10ms);
  ASSERT_EQ(count_of(fresh, ObserverRule::contact_before_scan), 1U);
  EXPECT_DOUBLE_EQ(first_of(fresh, ObserverRule::contact_before_scan)->limit, 12.0 * 1.1);
  world.press(0.0);
  world.scan(fresh);
  world.place(kThoracic, 70.0, 20.0);
  world.press(20.0);
  world.hold_for(fresh, 10ms);
  EXPECT_EQ(count_of(fresh, ObserverRule::contact_before_scan), 1U) << "scanned now";
  fresh.seat();  // someone else sits down
  world.hold_for(fresh, 10ms);
  EXPECT_EQ(count_of(fresh, ObserverRule::contact_before_scan), 2U);
}

TEST_F(SafetyObserverTest, AClimbThatMissesTheLowerBackOrTheShouldersIsNoScan) {
  SafetyObserver fresh;
  // Touching only from the middle of the thoracic back up: it cannot have found the back's length.
  for (double travel = 700.0; travel > 400.0; travel -= 0.015) {
    world.place(travel, 70.0, 20.0);
    world.press(travel >= 440.0 ? 6.0 : 0.0);
    world.step(fresh);
  }
  EXPECT_FALSE(fresh.body_scanned());
  // From low on the back, but stopping short of the shoulders.
  for (double travel = 950.0; travel > 500.0; travel -= 0.015) {
    world.place(travel, 70.0, 20.0);
    world.press(6.0);
    world.step(fresh);
  }
  EXPECT_FALSE(fresh.body_scanned());
}

TEST_F(SafetyObserverTest, TravelWidthOrDepthTooFastWhileTouchingIsFlagged) {
  world.press(10.0);
  world.axis(AxisKind::travel).velocity = units::MillimetresPerSecond(83.0);  // within 5 %
  world.axis(AxisKind::depth).velocity = units::MillimetresPerSecond(-50.0);  // withdrawing
  world.hold_for(observer, 10ms);
  EXPECT_TRUE(observer.findings().empty()) << observer.findings().front().describe();
  world.axis(AxisKind::travel).velocity = units::MillimetresPerSecond(-100.0);
  world.axis(AxisKind::width).velocity = units::MillimetresPerSecond(35.0);
  world.axis(AxisKind::depth).velocity = units::MillimetresPerSecond(30.0);
  world.hold_for(observer, 10ms);
  ASSERT_EQ(count_of(observer, ObserverRule::too_fast_near_body), 3U);
  for (const auto& f : observer.findings()) EXPECT_EQ(f.unit, "mm/s");
  // The same speeds away from the back are no finding.
  SafetyObserver apart;
  world.press(0.0);
  world.hold_for(apart, 10ms);
  EXPECT_EQ(count_of(apart, ObserverRule::too_fast_near_body), 0U);
}

TEST_F(SafetyObserverTest, AnEccentricAboveItsCeilingIsFlaggedTouchingOrNot) {
  world.axis(AxisKind::knead).speed = units::Rpm(-100.0);
  world.axis(AxisKind::tap).speed = units::Rpm(650.0);
  world.hold_for(observer, 10ms);
  ASSERT_EQ(count_of(observer, ObserverRule::eccentric_too_fast), 2U);
  EXPECT_EQ(observer.findings()[0].axis, AxisKind::knead);
  EXPECT_DOUBLE_EQ(observer.findings()[0].value, 100.0);
  EXPECT_EQ(observer.findings()[1].axis, AxisKind::tap);
}

TEST_F(SafetyObserverTest, OneFindingPerEpisodeWithItsWorstValueToldOnceAsItBegins) {
  std::vector<std::string> told;
  observer.set_listener([&told](const Finding& f) { told.push_back(f.describe()); });
  world.press(50.0);
  world.hold_for(observer, 100ms);
  world.press(60.0);
  world.hold_for(observer, 100ms);
  world.press(20.0);
  world.hold_for(observer, 100ms);
  world.press(50.0);
  world.hold_for(observer, 100ms);
  ASSERT_EQ(observer.findings().size(), 2U);
  EXPECT_EQ(told.size(), 2U);
  const auto& first = observer.findings()[0];
  EXPECT_DOUBLE_EQ(first.value, 60.0);
  EXPECT_NEAR(std::chrono::duration<double>(first.ended - first.began).count(), 0.199, 1e-9);
  EXPECT_NE(told[0].find("contact force above the ceiling"), std::string::npos) << told[0];
  EXPECT_NE(told[0].find("50.0 N, limit 44.0 N"), std::string::npos) << told[0];
  EXPECT_NE(told[0].find("600.0 mm on the track, 35.0 mm from the midline (thoracic)"),
            std::string::npos)
      << told[0];
}

TEST_F(SafetyObserverTest, FindingsBeyondTheCapacityAreCountedNotKept) {
  SafetyObserver small({}, 2);
  world.scan(small);
  world.place(kThoracic, 70.0, 20.0);
  for (int i = 0; i < 5; ++i) {
    world.press(50.0);
    world.hold_for(small, 5ms);
    world.press(10.0);
    world.hold_for(small, 5ms);
  }
  EXPECT_EQ(small.findings().size(), 2U);
  EXPECT_EQ(small.dropped(), 3U);
}

}  // namespace
}  // namespace sim
