#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <future>
#include <thread>

#include "modbus/chair_drives.hpp"
#include "sim_chair.hpp"

// Every fault the simulator injects reaches the controller as the right error, never as a value.
namespace {

using hal::AxisKind;
using hal::DriveErrorKind;
using test_support::Link;
using ::testing::HasSubstr;
using namespace std::chrono_literals;
using namespace units::literals;

// Enough for a cycle in which three drives time out (and the line is drained after each).
constexpr auto kBudget = 3s;

class LinkFaultsOverSim : public ::testing::TestWithParam<Link> {
 protected:
  explicit LinkFaultsOverSim(test_support::SimChairOptions options = {})
      : chair_(GetParam(), std::move(options)), drives_({chair_.bus_config()}) {
    const auto connected = drives_.connect();
    EXPECT_TRUE(connected.empty()) << test_support::describe(connected);
    const auto activated = drives_.activate();
    EXPECT_TRUE(activated.empty()) << test_support::describe(activated);
  }

  // Runs `cycles` cycles; every one must give the width drive `kind` and every other drive a
  // reading.
  void expect_only_width_fails_with(DriveErrorKind kind, int cycles) {
    for (int i = 0; i < cycles; ++i) {
      const auto report = drives_.cycle(kBudget);
      const auto* error = test_support::error_of(report, AxisKind::width);
      ASSERT_NE(error, nullptr) << "cycle " << i << ": a faulty answer became a value";
      EXPECT_EQ(error->kind, kind) << error->message();
      for (const auto other : {AxisKind::travel, AxisKind::depth}) {
        EXPECT_NE(test_support::linear_reading(report, other), nullptr)
            << "cycle " << i << "\n"
            << test_support::describe(report);
      }
      for (const auto other : {AxisKind::knead, AxisKind::tap}) {
        EXPECT_NE(test_support::rotary_reading(report, other), nullptr)
            << "cycle " << i << "\n"
            << test_support::describe(report);
      }
    }
  }

  void expect_recovery() {
    const auto report = test_support::cycle_until(
        drives_, [](const auto& r) { return r.all_ok(); }, 3s);
    EXPECT_TRUE(report.all_ok()) << test_support::describe(report);
  }

  test_support::SimChair chair_;
  hal::ChairDrives drives_;
};

// With a response timeout long enough for answers that come late on purpose.
class SlowBusOverSim : public LinkFaultsOverSim {
 protected:
  SlowBusOverSim() : LinkFaultsOverSim(patient()) {}

  static test_support::SimChairOptions patient() {
    test_support::SimChairOptions options;
    options.response_timeout = 2s;
    return options;
  }
};

TEST_P(LinkFaultsOverSim, DroppedAnswerIsATimeout) {
  chair_.control({{"cmd", "link"}, {"drop", 1.0}, {"unit", 2}});
  expect_only_width_fails_with(DriveErrorKind::timeout, 4);
  const auto width = drives_.linear(AxisKind::width).statistics();
  EXPECT_EQ(width.timeouts, 4U);
  EXPECT_THAT(drives_.cycle(kBudget).find(AxisKind::width)->reading.error().message(),
              HasSubstr("no complete reply within 200 ms"));
  chair_.control({{"cmd", "clear"}});
  expect_recovery();
}

TEST_P(LinkFaultsOverSim, CorruptAnswerIsABadFrame) {
  chair_.control({{"cmd", "link"}, {"corrupt", 1.0}, {"unit", 2}});
  expect_only_width_fails_with(DriveErrorKind::bad_frame, 4);
  EXPECT_GE(drives_.linear(AxisKind::width).statistics().bad_frames, 4U);
  EXPECT_EQ(drives_.linear(AxisKind::travel).statistics().bad_frames, 0U);
  chair_.control({{"cmd", "clear"}});
  expect_recovery();
}

TEST_P(LinkFaultsOverSim, LateAnswerIsNeverTakenForTheNextOne) {
  // Width answers 60 ms after the HAL gave up on it: right when the next drive would be asked.
  chair_.control({{"cmd", "link"}, {"delay_ms", 260}, {"unit", 2}});
  expect_only_width_fails_with(DriveErrorKind::timeout, 6);
  EXPECT_EQ(drives_.linear(AxisKind::depth).statistics().bad_frames, 0U);
  chair_.control({{"cmd", "clear"}});
  expect_recovery();
}

TEST_P(LinkFaultsOverSim, SilentBusTimesOutThenReconnectsWhenItAnswersAgain) {
  chair_.control({{"cmd", "link"}, {"silent", true}});
  // Three timeouts in a row and the link is taken for lost: the rest of the cycle, and the
  // next ones, report it down until it can be reopened.
  auto report = drives_.cycle(kBudget);
  ASSERT_NE(test_support::error_of(report, AxisKind::travel), nullptr);
  EXPECT_EQ(test_support::error_of(report, AxisKind::travel)->kind, DriveErrorKind::timeout);
  EXPECT_EQ(test_support::error_of(report, AxisKind::depth)->kind, DriveErrorKind::timeout);
  ASSERT_NE(test_support::error_of(report, AxisKind::tap), nullptr);
  EXPECT_EQ(test_support::error_of(report, AxisKind::tap)->kind, DriveErrorKind::disconnected);
  report = drives_.cycle(kBudget);
  ASSERT_NE(test_support::error_of(report, AxisKind::travel), nullptr);
  EXPECT_EQ(test_support::error_of(report, AxisKind::travel)->kind, DriveErrorKind::disconnected);
  EXPECT_THAT(test_support::error_of(report, AxisKind::travel)->message(),
              HasSubstr("failed its checks again"));
  EXPECT_FALSE(drives_.bus(0).link_up());

  chair_.control({{"cmd", "link"}, {"silent", false}});
  expect_recovery();
  EXPECT_TRUE(drives_.bus(0).link_up());
  EXPECT_GE(drives_.statistics().reconnects, 1U);
  EXPECT_GE(drives_.linear(AxisKind::depth).statistics().reconnects, 1U);
  EXPECT_GE(drives_.statistics().timeouts, 4U);
}

TEST_P(LinkFaultsOverSim, RefusedValueIsAModbusExceptionAndTheAxisHolds) {
  auto width = drives_.linear(AxisKind::width);
  ASSERT_TRUE(width.enable());
  ASSERT_TRUE(drives_.cycle(kBudget).all_ok());
  ASSERT_TRUE(width.run_at(60_mm_per_s, units::MillimetresPerSecondSquared(100.0)));  // max 40
  auto report = drives_.cycle(kBudget);
  const auto* error = test_support::error_of(report, AxisKind::width);
  ASSERT_NE(error, nullptr) << test_support::describe(report);
  EXPECT_EQ(error->kind, DriveErrorKind::modbus_exception);
  EXPECT_EQ(error->exception_code, 0x03);
  EXPECT_THAT(error->message(), HasSubstr("Modbus exception 03 (illegal data value)"));
  EXPECT_THAT(error->message(), HasSubstr("function 23"));
  report = drives_.cycle(kBudget);
  const auto* reading = test_support::linear_reading(report, AxisKind::width);
  ASSERT_NE(reading, nullptr) << "the refusal is not repeated\n" << test_support::describe(report);
  EXPECT_EQ(reading->velocity.value(), 0.0);
  EXPECT_TRUE(reading->flags.enabled);
}

TEST_P(LinkFaultsOverSim, StalledAxisRaisesItsStallAlarm) {
  auto knead = drives_.rotary(AxisKind::knead);
  ASSERT_TRUE(knead.enable());
  ASSERT_TRUE(knead.run_at(30_rpm, units::RpmPerSecond(300.0)));
  test_support::cycle_until(
      drives_, [&](const auto&) { return chair_.truth(AxisKind::knead)["enabled"] == true; }, 2s);
  chair_.control({{"cmd", "stall"}, {"axis", "knead"}, {"on", true}});
  const auto report = test_support::cycle_until(
      drives_, [](const auto& r) { return test_support::error_of(r, AxisKind::knead) != nullptr; },
      3s);
  const auto* error = test_support::error_of(report, AxisKind::knead);
  ASSERT_NE(error, nullptr) << test_support::describe(report);
  EXPECT_EQ(error->kind, DriveErrorKind::drive_alarm);
  ASSERT_TRUE(error->alarm.has_value());
  EXPECT_EQ(error->alarm->kind, hal::AlarmKind::stall);
  EXPECT_EQ(error->alarm->name, "stall / over-current");
  // The reading behind the error shows the drive faulted, and the motor is no longer driven.
  const auto reading = knead.reading();
  ASSERT_TRUE(reading.has_value());
  EXPECT_TRUE(reading->flags.fault);
  ASSERT_TRUE(reading->alarm.has_value());
  EXPECT_EQ(reading->alarm->kind, hal::AlarmKind::stall);
  EXPECT_EQ(chair_.truth(AxisKind::knead)["enabled"], false);
}

TEST_P(LinkFaultsOverSim, RaisedAlarmIsReportedWithItsName) {
  chair_.control({{"cmd", "alarm"}, {"axis", "tap"}, {"kind", "over_temperature"}});
  const auto report = drives_.cycle(kBudget);
  const auto* error = test_support::error_of(report, AxisKind::tap);
  ASSERT_NE(error, nullptr) << test_support::describe(report);
  EXPECT_EQ(error->kind, DriveErrorKind::drive_alarm);
  EXPECT_EQ(error->alarm->kind, hal::AlarmKind::over_temperature);
  EXPECT_EQ(error->alarm->name, "over-temperature");
  EXPECT_THAT(error->message(), HasSubstr("bus main, unit 5 (tap)"));
}

TEST_P(LinkFaultsOverSim, RebootedLinearDriveIsFoundWithoutItsReference) {
  auto depth = drives_.linear(AxisKind::depth);
  ASSERT_TRUE(depth.home());
  test_support::cycle_until(
      drives_,
      [](const auto& r) {
        const auto* d = test_support::linear_reading(r, AxisKind::depth);
        return d != nullptr && d->flags.homed && d->flags.enabled && !d->flags.homing;
      },
      5s);
  ASSERT_EQ(chair_.truth(AxisKind::depth)["homed"], true);
  chair_.control({{"cmd", "reboot"}, {"axis", "depth"}});
  auto report = drives_.cycle(kBudget);
  const auto* error = test_support::error_of(report, AxisKind::depth);
  ASSERT_NE(error, nullptr) << test_support::describe(report);
  EXPECT_EQ(error->kind, DriveErrorKind::drive_restarted);
  EXPECT_THAT(error->message(), HasSubstr("HOMED went from 1 to 0 without homing"));
  // Reported until the controller takes notice, and the drive is left unpowered meanwhile.
  report = test_support::cycle_until(
      drives_, [&](const auto&) { return chair_.truth(AxisKind::depth)["enabled"] == false; }, 1s);
  ASSERT_NE(test_support::error_of(report, AxisKind::depth), nullptr);
  EXPECT_EQ(chair_.truth(AxisKind::depth)["enabled"], false);
  ASSERT_TRUE(depth.home());
  report = drives_.cycle(kBudget);
  EXPECT_EQ(test_support::error_of(report, AxisKind::depth), nullptr)
      << test_support::describe(report);
}

TEST_P(LinkFaultsOverSim, RebootedRotaryDriveIsCaughtByItsLimits) {
  // A rotary axis needs no reference, and the next frame powers it again at once (ENABLE is a
  // level): its status cannot tell. Its acceleration limit, back at the power-up 0, can.
  auto knead = drives_.rotary(AxisKind::knead);
  ASSERT_TRUE(knead.enable());
  ASSERT_TRUE(knead.run_at(30_rpm, units::RpmPerSecond(300.0)));
  test_support::cycle_until(
      drives_,
      [&](const auto&) { return chair_.truth(AxisKind::knead)["velocity"].get<double>() > 29.0; },
      2s);
  chair_.control({{"cmd", "reboot"}, {"axis", "knead"}});
  const auto report = test_support::cycle_until(
      drives_, [](const auto& r) { return test_support::error_of(r, AxisKind::knead) != nullptr; },
      3s);
  const auto* error = test_support::error_of(report, AxisKind::knead);
  ASSERT_NE(error, nullptr) << test_support::describe(report);
  EXPECT_EQ(error->kind, DriveErrorKind::drive_restarted);
  EXPECT_THAT(error->message(), HasSubstr("ACCEL_LIMIT reads 0, not the 300 last written"));
  test_support::cycle_until(
      drives_, [&](const auto&) { return chair_.truth(AxisKind::knead)["enabled"] == false; }, 1s);
  EXPECT_EQ(chair_.truth(AxisKind::knead)["enabled"], false) << "left unpowered until told";
}

// A bus slower than the control loop's budget holds the loop back by no more than the budget:
// the cycle reports an overrun for every drive of the bus, and so does the next one while the bus
// is still busy, until it catches up.
TEST_P(SlowBusOverSim, CycleOverBudgetIsAnOverrunUntilTheBusCatchesUp) {
  // Width answers after a second, well within its response timeout: slow, not silent.
  chair_.control({{"cmd", "link"}, {"delay_ms", 1000}, {"unit", 2}});
  auto report = drives_.cycle(20ms);
  ASSERT_EQ(report.axes.size(), 5U);
  for (const auto& axis : report.axes) {
    ASSERT_FALSE(axis.reading) << test_support::describe(report);
    EXPECT_EQ(axis.reading.error().kind, DriveErrorKind::overrun);
    EXPECT_THAT(axis.reading.error().message(), HasSubstr("did not finish within 20000 µs"));
  }
  report = drives_.cycle(20ms);
  for (const auto& axis : report.axes) {
    ASSERT_FALSE(axis.reading) << test_support::describe(report);
    EXPECT_EQ(axis.reading.error().kind, DriveErrorKind::overrun);
    EXPECT_THAT(axis.reading.error().message(),
                HasSubstr("the previous cycle of this bus has not finished"));
  }
  chair_.control({{"cmd", "clear"}});
  expect_recovery();
}

// A caller running cycles back to back is told when a cycle's last transaction starts and
// polls for the result from then on; a last drive that turns slow still costs it no more than
// the budget.
TEST_P(SlowBusOverSim, BackToBackCyclesKeepTheirBudgetWhenTheLastDriveTurnsSlow) {
  // Tap's answers turn slow while the cycles are under way.
  auto slow = std::async(std::launch::async, [this] {
    std::this_thread::sleep_for(200ms);
    chair_.control({{"cmd", "link"}, {"delay_ms", 1000}, {"unit", 5}});
  });
  hal::CycleReport report;
  const auto give_up = std::chrono::steady_clock::now() + 10s;
  do {
    report = drives_.cycle(20ms);
  } while (report.all_ok() && std::chrono::steady_clock::now() < give_up);
  slow.get();
  ASSERT_EQ(report.axes.size(), 5U);
  for (const auto& axis : report.axes) {
    ASSERT_FALSE(axis.reading) << test_support::describe(report);
    EXPECT_EQ(axis.reading.error().kind, DriveErrorKind::overrun);
    EXPECT_THAT(axis.reading.error().message(), HasSubstr("did not finish within 20000 µs"));
  }
  chair_.control({{"cmd", "clear"}});
  expect_recovery();
}

INSTANTIATE_TEST_SUITE_P(Links, LinkFaultsOverSim, ::testing::Values(Link::tcp, Link::rtu),
                         [](const auto& info) { return test_support::to_string(info.param); });

INSTANTIATE_TEST_SUITE_P(Links, SlowBusOverSim, ::testing::Values(Link::tcp, Link::rtu),
                         [](const auto& info) { return test_support::to_string(info.param); });

}  // namespace
