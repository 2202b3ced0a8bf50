#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "../chair/bench_master.hpp"
#include "sim/chair/simulated_chair.hpp"

// The observer as every simulated chair carries it: driven through the drives' registers, as a
// Modbus master would, into unsafe states and safe ones.
namespace sim {
namespace {

using namespace std::chrono_literals;
using hal::AxisKind;
using testing::BenchMaster;

bool saw(const std::vector<Finding>& findings, ObserverRule rule,
         std::optional<AxisKind> axis = std::nullopt) {
  return std::any_of(findings.begin(), findings.end(),
                     [&](const Finding& f) { return f.rule == rule && (!axis || f.axis == axis); });
}

std::string listed(const std::vector<Finding>& findings) {
  std::string text;
  for (const auto& f : findings) text += f.describe() + "\n";
  return text;
}

TEST(ObserverInChair, HomingAndKneadingInTheAirIsSilent) {
  SimulatedChair chair(testing::ra1_chair());
  for (const auto kind : {AxisKind::travel, AxisKind::width, AxisKind::depth}) {
    BenchMaster axis(chair, kind);
    testing::home(chair, axis);
  }
  BenchMaster knead(chair, AxisKind::knead);
  ASSERT_EQ(knead.command(testing::enabled(hal::DriveMode::velocity), 60.0), std::nullopt);
  chair.advance(3s);
  EXPECT_GT(chair.axis(AxisKind::knead).speed.value(), 55.0);
  EXPECT_TRUE(chair.observer_findings().empty()) << listed(chair.observer_findings());
  EXPECT_FALSE(chair.observer_saw_body_scan());
}

TEST(ObserverInChair, PushingTheRollersIntoAnUnscannedBackIsFlaggedAsItHappens) {
  SimulatedChair chair(testing::ra1_chair());
  std::vector<std::string> told;
  chair.set_observer_listener([&told](const Finding& f) { told.push_back(f.describe()); });
  BenchMaster travel(chair, AxisKind::travel);
  BenchMaster width(chair, AxisKind::width);
  BenchMaster depth(chair, AxisKind::depth);
  for (auto* axis : {&travel, &width, &depth}) testing::home(chair, *axis);
  ASSERT_EQ(travel.command(testing::enabled(), 600.0), std::nullopt);
  ASSERT_EQ(width.command(testing::enabled(), 80.0), std::nullopt);
  chair.advance(6s);
  ASSERT_NEAR(chair.axis(AxisKind::travel).position.value(), 600.0, 0.5);
  EXPECT_TRUE(chair.observer_findings().empty()) << listed(chair.observer_findings());

  // Out at the axis's full speed into the thoracic back, 35 mm deep.
  ASSERT_EQ(depth.command(testing::enabled(), 35.0), std::nullopt);
  chair.advance(2s);
  const auto findings = chair.observer_findings();
  EXPECT_TRUE(saw(findings, ObserverRule::contact_before_scan)) << listed(findings);
  EXPECT_TRUE(saw(findings, ObserverRule::region_force)) << listed(findings);
  EXPECT_TRUE(saw(findings, ObserverRule::too_fast_near_body, AxisKind::depth)) << listed(findings);
  EXPECT_EQ(told.size(), findings.size()) << "each finding is told once, as it begins";
}

TEST(ObserverInChair, TappingFasterThanItsCeilingIsFlagged) {
  SimulatedChair chair(testing::ra1_chair());
  BenchMaster tap(chair, AxisKind::tap);
  // The drive turns up to 720 rpm (datasheet); the chair's ceiling is 600 rpm.
  ASSERT_EQ(tap.command(testing::enabled(hal::DriveMode::velocity), 700.0), std::nullopt);
  chair.advance(3s);
  const auto findings = chair.observer_findings();
  EXPECT_TRUE(saw(findings, ObserverRule::eccentric_too_fast, AxisKind::tap)) << listed(findings);
}

TEST(ObserverInChair, SomeoneSittingDownNeedsAScanOfTheirOwn) {
  SimulatedChair chair(testing::ra1_chair());
  BenchMaster travel(chair, AxisKind::travel);
  BenchMaster width(chair, AxisKind::width);
  BenchMaster depth(chair, AxisKind::depth);
  for (auto* axis : {&travel, &width, &depth}) testing::home(chair, *axis);
  // A scan as the hardware sees it: from low on the back up past the shoulders, pressing 6 N.
  ASSERT_EQ(width.command(testing::enabled(), 70.0), std::nullopt);
  ASSERT_EQ(travel.command(testing::enabled(), 950.0), std::nullopt);
  chair.advance(10s);
  ASSERT_EQ(depth.command(testing::enabled(hal::DriveMode::force), 6.0), std::nullopt);
  chair.advance(3s);
  ASSERT_EQ(
      travel.write_value(travel.profile().command.velocity_limit, 15.0, hal::Quantity::velocity),
      std::nullopt);
  ASSERT_EQ(travel.command(testing::enabled(), 380.0), std::nullopt);
  chair.advance(45s);
  EXPECT_TRUE(chair.observer_saw_body_scan());
  EXPECT_TRUE(chair.observer_findings().empty()) << listed(chair.observer_findings());
  chair.seat(body_of_size(BodySize::large));
  EXPECT_FALSE(chair.observer_saw_body_scan());
}

}  // namespace
}  // namespace sim
