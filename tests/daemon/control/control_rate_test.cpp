// The rate a serial bus can carry, and a configured rate lowered to it with a message.

#include "daemon/control/control_rate.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "profile/profile_loader.hpp"

using testing::HasSubstr;
using Milliseconds = std::chrono::duration<double, std::milli>;
using namespace std::chrono_literals;

namespace {

const std::filesystem::path kProfiles =
    std::filesystem::path(MASSAGED_SOURCE_DIR) / "config" / "profiles";

hal::BusConfig rtu_bus(int baud, const char* profile = "ra1.toml", int drives = 5) {
  hal::BusConfig bus;
  bus.name = "main";
  hal::RtuLine line;
  line.device = "/dev/ttyS1";
  line.baud = baud;
  bus.link = line;
  bus.profile = hal::load_profile(kProfiles / profile);
  for (int unit = 1; unit <= drives; ++unit) {
    bus.axes.push_back({hal::kAllAxisKinds[static_cast<std::size_t>(unit - 1)], unit});
  }
  return bus;
}

hal::BusConfig tcp_bus() {
  auto bus = rtu_bus(115200);
  bus.link = hal::TcpEndpoint{"127.0.0.1", 502};
  return bus;
}

TEST(ControlRate, AnRtuCycleIsTheFramesAtTheBaudRateWithSilencesAndAnswerTimes) {
  // RA-1 with function 23: a 19-byte request and a 21-byte reply per drive, 11 bits a
  // character at 115200 baud (3.82 ms), two silences of 1.75 ms, 1 ms to answer: 8.32 ms.
  const auto t = control::rtu_cycle_time(rtu_bus(115200));
  EXPECT_NEAR(Milliseconds(t).count(), 5 * 8.32, 0.05);
}

TEST(ControlRate, ADriveWithoutFunction23NeedsTwoTransactions) {
  const auto with_23 = control::rtu_cycle_time(rtu_bus(115200));
  const auto without = control::rtu_cycle_time(rtu_bus(115200, "kx7.toml"));
  EXPECT_GT(without, with_23);
}

TEST(ControlRate, SlowLinesUseThreeAndAHalfCharactersOfSilence) {
  // 19200 baud: 40 bytes of 11 bits (22.9 ms), two silences of 2.0 ms, 1 ms to answer.
  const auto t = control::rtu_cycle_time(rtu_bus(19200, "ra1.toml", 1));
  EXPECT_NEAR(Milliseconds(t).count(), 22.92 + 4.01 + 1.0, 0.05);
}

TEST(ControlRate, ARateTheBusCannotCarryIsLoweredWithAMessage) {
  const auto rate = control::achievable_rate(100, {rtu_bus(115200)}, 10);
  EXPECT_EQ(rate.rate_hz, 19.0);  // 0.8 / 41.6 ms
  EXPECT_EQ(rate.period, std::chrono::nanoseconds(1s) / 19);
  ASSERT_TRUE(rate.lowered);
  EXPECT_THAT(*rate.lowered, HasSubstr("control.rate_hz = 100 is more than bus \"main\""));
  EXPECT_THAT(*rate.lowered, HasSubstr("115200 baud 8E1"));
  EXPECT_THAT(*rate.lowered, HasSubstr("running at 19 Hz instead"));
  EXPECT_THAT(*rate.lowered, HasSubstr("raise the baud rate or spread the drives"));
}

TEST(ControlRate, ARateTheBusCarriesIsKept) {
  const auto rate = control::achievable_rate(15, {rtu_bus(115200)}, 10);
  EXPECT_EQ(rate.rate_hz, 15.0);
  EXPECT_FALSE(rate.lowered);
}

TEST(ControlRate, TcpBusesDoNotLimitTheRate) {
  const auto rate = control::achievable_rate(500, {tcp_bus()}, 10);
  EXPECT_EQ(rate.rate_hz, 500.0);
  EXPECT_EQ(rate.period, 2ms);
  EXPECT_FALSE(rate.lowered);
}

TEST(ControlRate, ABusThatCannotCarryTheMinimumRateIsRefused) {
  try {
    (void)control::achievable_rate(100, {rtu_bus(9600)}, 10);
    FAIL() << "accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_THAT(e.what(), HasSubstr("cannot carry even 10 Hz"));
  }
}

TEST(ControlRate, TheDrivesTimeoutMustSpanTwoCyclesOfTheLoweredRate) {
  auto bus = rtu_bus(115200);
  bus.drive_comm_timeout = 80ms;  // two cycles at 19 Hz take 105 ms
  try {
    (void)control::achievable_rate(100, {bus}, 10);
    FAIL() << "accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_THAT(e.what(), HasSubstr("drive_comm_timeout_ms = 80 is shorter than two control "
                                    "cycles at 19 Hz"));
    EXPECT_THAT(e.what(), HasSubstr("at least 106"));
  }
}

}  // namespace
