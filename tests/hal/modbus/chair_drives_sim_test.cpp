#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <modbus/modbus.h>

#include <cmath>
#include <thread>

#include "modbus/chair_drives.hpp"
#include "profile/profile_loader.hpp"
#include "sim_chair.hpp"

// The HAL against the simulated chair over a real Modbus connection, TCP and RTU: start-up
// checks, the lifecycle, motion in each mode, the stop path and fault reset.
namespace {

using hal::AxisKind;
using hal::DriveErrorKind;
using test_support::Link;
using ::testing::HasSubstr;
using namespace std::chrono_literals;
using namespace units::literals;

class ChairDrivesOverSim : public ::testing::TestWithParam<Link> {
 protected:
  explicit ChairDrivesOverSim(test_support::SimChairOptions options = {})
      : chair_(GetParam(), std::move(options)) {}

  hal::ChairDrives& drives(std::vector<hal::BusConfig> buses) {
    drives_ = std::make_unique<hal::ChairDrives>(std::move(buses));
    return *drives_;
  }

  // Every drive connected and active.
  hal::ChairDrives& bring_up() {
    auto& d = drives({chair_.bus_config()});
    const auto connected = d.connect();
    EXPECT_TRUE(connected.empty()) << test_support::describe(connected);
    const auto activated = d.activate();
    EXPECT_TRUE(activated.empty()) << test_support::describe(activated);
    return d;
  }

  // Homes the depth axis (5 mm from its end stop at power-up) and waits for HOMED.
  void home_depth(hal::ChairDrives& d) {
    ASSERT_TRUE(d.linear(AxisKind::depth).home());
    const auto report = test_support::cycle_until(
        d,
        [](const auto& r) {
          const auto* depth = test_support::linear_reading(r, AxisKind::depth);
          return depth != nullptr && depth->flags.homed && !depth->flags.homing;
        },
        5s);
    const auto* depth = test_support::linear_reading(report, AxisKind::depth);
    ASSERT_NE(depth, nullptr) << test_support::describe(report);
    ASSERT_TRUE(depth->flags.homed);
  }

  test_support::SimChair chair_;
  std::unique_ptr<hal::ChairDrives> drives_;
};

class EmptyChairDrivesOverSim : public ChairDrivesOverSim {
 protected:
  EmptyChairDrivesOverSim() : ChairDrivesOverSim({.extra_args = {"--nobody"}}) {}
};

// ---- start-up checks ----

TEST_P(ChairDrivesOverSim, EveryDrivePassesItsIdentityCheckAndReportsStatus) {
  auto& d = bring_up();
  const auto report = d.cycle(1s);
  ASSERT_TRUE(report.all_ok()) << test_support::describe(report);
  ASSERT_EQ(report.axes.size(), 5U);
  const auto* width = test_support::linear_reading(report, AxisKind::width);
  ASSERT_NE(width, nullptr);
  EXPECT_TRUE(width->flags.ready);
  EXPECT_FALSE(width->flags.enabled);
  const auto identity = d.linear(AxisKind::travel).identity();
  ASSERT_TRUE(identity.has_value());
  EXPECT_EQ(identity->map_id, 0x5241);
  EXPECT_EQ(identity->firmware, 0x0104);
  EXPECT_EQ(identity->serial, 20260001U);
  EXPECT_EQ(d.linear(AxisKind::depth).identity()->serial, 20260003U);
  EXPECT_EQ(d.rotary(AxisKind::knead).state(), hal::AxisState::active);
}

class SwappedUnitsOverSim : public ChairDrivesOverSim {
 protected:
  SwappedUnitsOverSim() : ChairDrivesOverSim({.extra_args = {"--units", "travel=2,width=1"}}) {}
};

TEST_P(SwappedUnitsOverSim, DriveOfAnotherKindAtAUnitIsRefusedByName) {
  auto& d = drives({chair_.bus_config()});
  const auto errors = d.connect();
  ASSERT_EQ(errors.size(), 2U) << test_support::describe(errors);
  EXPECT_EQ(errors[0].kind, DriveErrorKind::identity_mismatch);
  EXPECT_THAT(errors[0].message(), HasSubstr("bus main, unit 1 (travel)"));
  EXPECT_THAT(errors[0].message(),
              HasSubstr("expected a travel drive (AXIS_KIND 1) but found AXIS_KIND 2 (width)"));
  EXPECT_EQ(d.linear(AxisKind::travel).state(), hal::AxisState::unconfigured);
  EXPECT_EQ(d.linear(AxisKind::depth).state(), hal::AxisState::connected);
  // The refused drives stay out of every cycle, and say why; the others carry on.
  const auto activated = d.activate();
  EXPECT_EQ(activated.size(), 2U);
  const auto report = d.cycle(1s);
  const auto* travel = test_support::error_of(report, AxisKind::travel);
  ASSERT_NE(travel, nullptr);
  EXPECT_EQ(travel->kind, DriveErrorKind::identity_mismatch);
  EXPECT_NE(test_support::linear_reading(report, AxisKind::depth), nullptr);
  EXPECT_FALSE(d.linear(AxisKind::travel).enable());
}

TEST_P(ChairDrivesOverSim, DriveWithAnotherRegisterMapIsRefused) {
  auto config = chair_.bus_config();
  config.profile.map_id = 0x5242;
  config.profile.name = "RA-2";
  auto& d = drives({config});
  const auto errors = d.connect();
  ASSERT_EQ(errors.size(), 5U);
  EXPECT_EQ(errors[2].kind, DriveErrorKind::identity_mismatch);
  EXPECT_THAT(errors[2].message(),
              HasSubstr("expected an RA-2 drive (MAP_ID 0x5242, MAP_VERSION 1) but found MAP_ID "
                        "0x5241, MAP_VERSION 1"));
}

TEST_P(ChairDrivesOverSim, DriveStopsItselfWhenTheControllerFallsSilent) {
  auto& d = bring_up();
  auto knead = d.rotary(AxisKind::knead);
  ASSERT_TRUE(knead.enable());
  ASSERT_TRUE(knead.run_at(30_rpm, units::RpmPerSecond(200.0)));
  test_support::cycle_until(
      d, [&](const auto&) { return chair_.truth(AxisKind::knead)["enabled"] == true; }, 2s);
  ASSERT_EQ(chair_.truth(AxisKind::knead)["enabled"], true);
  // The drive was told to watch the heartbeat (300 ms, then a quick stop). Silence:
  std::this_thread::sleep_for(600ms);
  const auto truth = chair_.truth(AxisKind::knead);
  EXPECT_EQ(truth["alarm"], 5) << truth.dump();
  const auto report = d.cycle(1s);
  const auto* error = test_support::error_of(report, AxisKind::knead);
  ASSERT_NE(error, nullptr) << test_support::describe(report);
  EXPECT_EQ(error->kind, DriveErrorKind::drive_alarm);
  ASSERT_TRUE(error->alarm.has_value());
  EXPECT_EQ(error->alarm->kind, hal::AlarmKind::communication_loss);
  EXPECT_EQ(error->alarm->name, "communication loss");
}

// ---- lifecycle ----

TEST_P(ChairDrivesOverSim, ConnectedDrivesAreReadButNeverCommanded) {
  auto& d = drives({chair_.bus_config()});
  ASSERT_TRUE(d.connect().empty());
  auto depth = d.linear(AxisKind::depth);
  EXPECT_EQ(depth.state(), hal::AxisState::connected);
  const auto refused = depth.enable();
  ASSERT_FALSE(refused);
  EXPECT_THAT(refused.error().message(), HasSubstr("connected, not active"));
  const auto report = test_support::cycle_until(
      d, [](const auto&) { return false; }, 150ms);
  ASSERT_TRUE(report.all_ok()) << test_support::describe(report);
  EXPECT_EQ(chair_.truth(AxisKind::depth)["enabled"], false);
  EXPECT_TRUE(d.activate().empty());
  EXPECT_TRUE(depth.enable());
}

// ---- motion ----

TEST_P(EmptyChairDrivesOverSim, HomesThenMovesTheDepthAxisToWithinHalfAMillimetre) {
  auto& d = bring_up();
  home_depth(d);
  auto depth = d.linear(AxisKind::depth);
  ASSERT_TRUE(depth.move_to(30_mm, 40_mm_per_s, units::MillimetresPerSecondSquared(200.0)));
  const auto report = test_support::cycle_until(
      d,
      [](const auto& r) {
        const auto* reading = test_support::linear_reading(r, AxisKind::depth);
        return reading != nullptr && reading->flags.target_reached &&
               std::abs(reading->position.value() - 30.0) <= 0.5;
      },
      4s);
  const auto* reading = test_support::linear_reading(report, AxisKind::depth);
  ASSERT_NE(reading, nullptr) << test_support::describe(report);
  EXPECT_NEAR(reading->position.value(), 30.0, 0.5);
  EXPECT_NEAR(chair_.truth(AxisKind::depth)["position"].get<double>(), 30.0, 0.5);
  EXPECT_LT(reading->age, 200ms);
}

TEST_P(ChairDrivesOverSim, TurnsTheKneadingEccentricAtTheCommandedSpeed) {
  auto& d = bring_up();
  auto knead = d.rotary(AxisKind::knead);
  ASSERT_TRUE(knead.enable());
  ASSERT_TRUE(knead.run_at(45_rpm, units::RpmPerSecond(300.0)));
  const auto report = test_support::cycle_until(
      d,
      [](const auto& r) {
        const auto* reading = test_support::rotary_reading(r, AxisKind::knead);
        return reading != nullptr && std::abs(reading->velocity.value() - 45.0) < 0.5;
      },
      3s);
  const auto* reading = test_support::rotary_reading(report, AxisKind::knead);
  ASSERT_NE(reading, nullptr) << test_support::describe(report);
  EXPECT_NEAR(reading->velocity.value(), 45.0, 0.5);
  EXPECT_NEAR(chair_.truth(AxisKind::knead)["velocity"].get<double>(), 45.0, 0.5);
}

TEST_P(ChairDrivesOverSim, PressesTheSeatedBackWithTheCommandedForce) {
  auto& d = bring_up();
  home_depth(d);
  auto depth = d.linear(AxisKind::depth);
  ASSERT_TRUE(depth.limit_force(40_N));
  ASSERT_TRUE(depth.press_with(20_N));
  const auto report = test_support::cycle_until(
      d,
      [](const auto& r) {
        const auto* reading = test_support::linear_reading(r, AxisKind::depth);
        return reading != nullptr && std::abs(reading->force.value() - 20.0) < 1.5 &&
               std::abs(reading->velocity.value()) < 1.0;
      },
      6s);
  const auto* reading = test_support::linear_reading(report, AxisKind::depth);
  ASSERT_NE(reading, nullptr) << test_support::describe(report);
  EXPECT_NEAR(reading->force.value(), 20.0, 1.5);
  EXPECT_GT(reading->position.value(), 1.0) << "the rollers advanced to reach the back";
}

TEST_P(EmptyChairDrivesOverSim, HaltStopsTheAxisAndHoldsItEnabled) {
  auto& d = bring_up();
  home_depth(d);
  auto depth = d.linear(AxisKind::depth);
  ASSERT_TRUE(depth.move_to(90_mm, 10_mm_per_s, units::MillimetresPerSecondSquared(100.0)));
  test_support::cycle_until(
      d,
      [](const auto& r) {
        const auto* reading = test_support::linear_reading(r, AxisKind::depth);
        return reading != nullptr && reading->position.value() > 3.0;
      },
      3s);
  ASSERT_TRUE(depth.halt());
  auto report = test_support::cycle_until(
      d,
      [](const auto& r) {
        const auto* reading = test_support::linear_reading(r, AxisKind::depth);
        return reading != nullptr && !reading->flags.moving;
      },
      2s);
  const auto* stopped = test_support::linear_reading(report, AxisKind::depth);
  ASSERT_NE(stopped, nullptr) << test_support::describe(report);
  const double at = stopped->position.value();
  EXPECT_LT(at, 20.0);
  report = test_support::cycle_until(
      d, [](const auto&) { return false; }, 300ms);
  const auto* later = test_support::linear_reading(report, AxisKind::depth);
  ASSERT_NE(later, nullptr);
  EXPECT_NEAR(later->position.value(), at, 0.1) << "held where it stopped";
  EXPECT_TRUE(later->flags.enabled);
}

// ---- the stop path ----

TEST_P(ChairDrivesOverSim, QuickStopReachesEveryDriveAndHoldsUntilReenabled) {
  auto& d = bring_up();
  home_depth(d);
  auto depth = d.linear(AxisKind::depth);
  ASSERT_TRUE(depth.press_with(15_N));
  ASSERT_TRUE(d.linear(AxisKind::width).enable());
  ASSERT_TRUE(d.linear(AxisKind::travel).enable());
  ASSERT_TRUE(d.rotary(AxisKind::knead).enable());
  ASSERT_TRUE(d.rotary(AxisKind::knead).run_at(40_rpm, units::RpmPerSecond(300.0)));
  ASSERT_TRUE(d.rotary(AxisKind::tap).enable());
  ASSERT_TRUE(d.rotary(AxisKind::tap).run_at(200_rpm, units::RpmPerSecond(2000.0)));
  test_support::cycle_until(
      d,
      [&](const auto&) {
        const auto truth = chair_.state()["axes"];
        return truth["knead"]["velocity"].get<double>() > 35.0 &&
               truth["depth"]["position"].get<double>() > 1.0;
      },
      4s);

  d.quick_stop();
  const auto report = test_support::cycle_until(
      d,
      [&](const auto&) {
        const auto truth = chair_.state()["axes"];
        for (const auto kind : hal::kAllAxisKinds) {
          if (truth[std::string(hal::to_string(kind))]["enabled"] == true) return false;
        }
        return true;
      },
      4s);
  const auto state = chair_.state();
  for (const auto kind : hal::kAllAxisKinds) {
    const auto& axis = state["axes"][std::string(hal::to_string(kind))];
    EXPECT_EQ(axis["quick_stop"], true) << hal::to_string(kind) << ": " << axis.dump();
    EXPECT_EQ(axis["enabled"], false) << hal::to_string(kind);
  }
  EXPECT_NEAR(state["axes"]["depth"]["position"].get<double>(), 0.0, 0.5)
      << "the depth axis retracts before it drops power";
  const auto stop = d.bus(0).last_quick_stop();
  EXPECT_EQ(stop.sequence, 1U);
  EXPECT_EQ(stop.broadcast, GetParam() == Link::rtu) << "one broadcast on RTU, none on TCP";
  ASSERT_EQ(stop.confirmations.size(), 5U);
  for (const auto& c : stop.confirmations) {
    EXPECT_TRUE(c.reading.has_value()) << c.reading.error().message();
  }

  // Stopped it stays: motion is refused until the axis is enabled again.
  const auto refused = d.rotary(AxisKind::knead).run_at(10_rpm, units::RpmPerSecond(100.0));
  ASSERT_FALSE(refused);
  EXPECT_THAT(refused.error().message(), HasSubstr("quick stop is latched"));
  ASSERT_TRUE(d.rotary(AxisKind::knead).enable());
  test_support::cycle_until(
      d, [&](const auto&) { return chair_.truth(AxisKind::knead)["enabled"] == true; }, 2s);
  EXPECT_EQ(chair_.truth(AxisKind::knead)["quick_stop"], false);
  EXPECT_EQ(chair_.truth(AxisKind::knead)["velocity"].get<double>(), 0.0)
      << "re-enabled at rest, not at the old speed";
  (void)report;
}

TEST_P(ChairDrivesOverSim, FaultResetClearsAnAlarmWithoutRestartingMotion) {
  auto& d = bring_up();
  auto width = d.linear(AxisKind::width);
  ASSERT_TRUE(width.enable());
  test_support::cycle_until(
      d, [&](const auto&) { return chair_.truth(AxisKind::width)["enabled"] == true; }, 2s);
  chair_.control({{"cmd", "alarm"}, {"axis", "width"}, {"kind", "under_voltage"}});
  auto report = d.cycle(1s);
  const auto* error = test_support::error_of(report, AxisKind::width);
  ASSERT_NE(error, nullptr) << test_support::describe(report);
  EXPECT_EQ(error->kind, DriveErrorKind::drive_alarm);
  EXPECT_EQ(error->alarm->kind, hal::AlarmKind::under_voltage);
  EXPECT_THAT(error->message(), HasSubstr("drive alarm 7 \"under-voltage\" (under-voltage)"));
  EXPECT_TRUE(test_support::linear_reading(report, AxisKind::travel) != nullptr)
      << "the other drives carry on";

  ASSERT_TRUE(width.reset_fault());
  report = test_support::cycle_until(
      d, [](const auto& r) { return test_support::error_of(r, AxisKind::width) == nullptr; }, 1s);
  ASSERT_NE(test_support::linear_reading(report, AxisKind::width), nullptr)
      << test_support::describe(report);
  // The drive may still be finishing its fault stop; once done, it stays unpowered.
  report = test_support::cycle_until(
      d, [](const auto&) { return false; }, 200ms);
  const auto* reading = test_support::linear_reading(report, AxisKind::width);
  ASSERT_NE(reading, nullptr) << test_support::describe(report);
  EXPECT_FALSE(reading->flags.fault);
  EXPECT_FALSE(reading->alarm.has_value());
  EXPECT_FALSE(reading->flags.enabled) << "a reset does not power the axis again by itself";
  ASSERT_TRUE(width.enable());
  test_support::cycle_until(
      d, [&](const auto&) { return chair_.truth(AxisKind::width)["enabled"] == true; }, 1s);
  EXPECT_EQ(chair_.truth(AxisKind::width)["enabled"], true);
}

INSTANTIATE_TEST_SUITE_P(Links, ChairDrivesOverSim, ::testing::Values(Link::tcp, Link::rtu),
                         [](const auto& info) { return test_support::to_string(info.param); });
INSTANTIATE_TEST_SUITE_P(Links, EmptyChairDrivesOverSim, ::testing::Values(Link::tcp, Link::rtu),
                         [](const auto& info) { return test_support::to_string(info.param); });
INSTANTIATE_TEST_SUITE_P(Links, SwappedUnitsOverSim, ::testing::Values(Link::tcp, Link::rtu),
                         [](const auto& info) { return test_support::to_string(info.param); });

// A second master reads what the HAL wrote to the drives' configuration (TCP only: an RS-485
// line has one master).
TEST(ChairDrivesOverTcp, WatchdogSettingsAreWrittenAndReadBack) {
  test_support::SimChair chair(Link::tcp);
  hal::ChairDrives d({chair.bus_config()});
  ASSERT_TRUE(d.connect().empty());
  ASSERT_TRUE(d.activate().empty());
  modbus_t* ctx = modbus_new_tcp(chair.sim().host().c_str(), chair.sim().port());
  ASSERT_NE(ctx, nullptr);
  ASSERT_EQ(modbus_connect(ctx), 0);
  for (int unit = 1; unit <= 5; ++unit) {
    modbus_set_slave(ctx, unit);
    std::uint16_t words[2] = {};
    ASSERT_EQ(modbus_read_registers(ctx, 0x0300, 2, words), 2);
    EXPECT_EQ(words[0], 300) << "COMM_TIMEOUT of unit " << unit;
    EXPECT_EQ(words[1], 2) << "COMM_LOSS_ACTION (quick stop) of unit " << unit;
  }
  modbus_close(ctx);
  modbus_free(ctx);
}

}  // namespace
