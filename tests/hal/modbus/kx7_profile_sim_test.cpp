#include <gtest/gtest.h>

#include <cmath>

#include "modbus/chair_drives.hpp"
#include "sim_chair.hpp"

// A second vendor's drive needs only its profile: other addresses, 32-bit values low word first,
// other scales and bits, and no function 23 (the HAL writes with 16 and reads with 03).
namespace {

using hal::AxisKind;
using test_support::Link;
using namespace std::chrono_literals;
using namespace units::literals;

class Kx7OverSim : public ::testing::TestWithParam<Link> {
 protected:
  Kx7OverSim()
      : chair_(GetParam(), {.profile = "kx7.toml", .extra_args = {"--nobody"}}),
        drives_({chair_.bus_config()}) {}

  test_support::SimChair chair_;
  hal::ChairDrives drives_;
};

TEST_P(Kx7OverSim, HomesMovesAndTurnsByConfigurationAlone) {
  ASSERT_FALSE(drives_.bus(0).config().profile.has_function(23));
  const auto connected = drives_.connect();
  ASSERT_TRUE(connected.empty()) << test_support::describe(connected);
  const auto activated = drives_.activate();
  ASSERT_TRUE(activated.empty()) << test_support::describe(activated);
  EXPECT_EQ(drives_.linear(AxisKind::depth).identity()->map_id, 0x4B58);

  auto depth = drives_.linear(AxisKind::depth);
  ASSERT_TRUE(depth.home());
  test_support::cycle_until(
      drives_,
      [](const auto& r) {
        const auto* d = test_support::linear_reading(r, AxisKind::depth);
        return d != nullptr && d->flags.homed && !d->flags.homing;
      },
      5s);
  ASSERT_TRUE(depth.move_to(25.25_mm, 30_mm_per_s, units::MillimetresPerSecondSquared(150.0)));
  auto knead = drives_.rotary(AxisKind::knead);
  ASSERT_TRUE(knead.enable());
  ASSERT_TRUE(knead.run_at(33.5_rpm, units::RpmPerSecond(200.0)));
  const auto report = test_support::cycle_until(
      drives_,
      [](const auto& r) {
        const auto* d = test_support::linear_reading(r, AxisKind::depth);
        const auto* k = test_support::rotary_reading(r, AxisKind::knead);
        return d != nullptr && k != nullptr && d->flags.target_reached &&
               std::abs(d->position.value() - 25.25) <= 0.5 &&
               std::abs(k->velocity.value() - 33.5) < 0.2;
      },
      4s);
  ASSERT_TRUE(report.all_ok()) << test_support::describe(report);
  const auto* d = test_support::linear_reading(report, AxisKind::depth);
  const auto* k = test_support::rotary_reading(report, AxisKind::knead);
  ASSERT_NE(d, nullptr);
  ASSERT_NE(k, nullptr);
  EXPECT_NEAR(d->position.value(), 25.25, 0.5);
  EXPECT_NEAR(chair_.truth(AxisKind::depth)["position"].get<double>(), 25.25, 0.5);
  EXPECT_NEAR(k->velocity.value(), 33.5, 0.2);
  EXPECT_GT(k->temperature.value(), 0.0);

  drives_.quick_stop();
  test_support::cycle_until(
      drives_, [&](const auto&) { return chair_.truth(AxisKind::knead)["enabled"] == false; }, 3s);
  EXPECT_EQ(chair_.truth(AxisKind::knead)["quick_stop"], true);
  EXPECT_EQ(chair_.truth(AxisKind::depth)["quick_stop"], true);
}

INSTANTIATE_TEST_SUITE_P(Links, Kx7OverSim, ::testing::Values(Link::tcp, Link::rtu),
                         [](const auto& info) { return test_support::to_string(info.param); });

}  // namespace
