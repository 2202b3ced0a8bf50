#include <gtest/gtest.h>

#include "bench_master.hpp"

// A second vendor's drive served by configuration alone: the KX-7 profile's addresses, its
// 32-bit values with the low word first, its bits, scales and alarm codes. Raw words are
// written out so that nothing of the RA-1 map can hide behind the codec.
namespace sim::testing {
namespace {

using hal::AxisKind;

class Kx7Chair : public ::testing::Test {
 protected:
  static ChairConfig kx7() {
    ChairConfig config;
    config.profile = load_shipped_profile("kx7.toml");
    return config;
  }
  SimulatedChair chair{kx7()};

  std::vector<std::uint16_t> read(std::uint8_t unit, std::uint16_t address, std::uint16_t count) {
    std::vector<std::uint16_t> out;
    EXPECT_EQ(chair.read(unit, address, count, out), std::nullopt);
    return out;
  }
  std::optional<ModbusException> write(std::uint8_t unit, std::uint16_t address,
                                       std::vector<std::uint16_t> words) {
    return chair.write(unit, address, words);
  }
  static std::uint32_t low_first(const std::vector<std::uint16_t>& w, std::size_t at) {
    return (std::uint32_t{w[at + 1]} << 16U) | w[at];
  }
};

constexpr std::uint16_t kEnable = 1U << 15U;
constexpr std::uint16_t kHome = 1U << 6U;
constexpr std::uint16_t kFaultReset = 1U << 7U;
constexpr std::uint16_t kPositionMode = 1;
constexpr std::uint16_t kHomed = 1U << 11U;
constexpr std::uint16_t kFault = 1U << 0U;

TEST_F(Kx7Chair, IdentityAtItsOwnAddressesWithLowWordFirst) {
  const auto id = read(1, 0x1000, 9);
  EXPECT_EQ(id[0], 0x4B58) << "MAP_ID \"KX\"";
  EXPECT_EQ(id[1], 3) << "MAP_VERSION";
  EXPECT_EQ(low_first(id, 2), 20260001U) << "SERIAL, low word first";
  EXPECT_EQ(id[4], 10) << "AXIS_KIND travel";
  EXPECT_EQ(id[6], 0x00C8) << "CAPABILITIES: position 7, velocity 6, homing 3";
  EXPECT_EQ(low_first(id, 7), 1'200'000U) << "RANGE_MAX in µm";
  EXPECT_EQ(read(3, 0x1006, 1)[0], 0x00F8) << "depth adds force mode 5 and force sensor 4";
  EXPECT_EQ(read(5, 0x1004, 1)[0], 21) << "tap";
  EXPECT_EQ(low_first(read(5, 0x1007, 2), 0), 72'000U) << "tap's maximum, 0.01 rpm";
}

TEST_F(Kx7Chair, RegistersOfTheOtherVendorAreNotThere) {
  std::vector<std::uint16_t> out;
  EXPECT_EQ(chair.read(1, 0x0000, 1, out), ModbusException::illegal_data_address);
  EXPECT_EQ(write(1, 0x0100, {1}), ModbusException::illegal_data_address);
}

TEST_F(Kx7Chair, HalfOfATwoWordValueIsRefused) {
  EXPECT_EQ(write(1, 0x2000, {0x1234}), ModbusException::illegal_data_address);
  EXPECT_EQ(write(1, 0x2001, {0x0001}), ModbusException::illegal_data_address);
  EXPECT_EQ(read(1, 0x2000, 2), (std::vector<std::uint16_t>{0, 0}));
}

TEST_F(Kx7Chair, HomesAndMovesWithItsBitsAndThirtyTwoBitPositions) {
  ASSERT_EQ(write(1, 0x2000, {0, 0, kEnable | kHome | kPositionMode, 1}), std::nullopt);
  chair.advance(8s);
  auto status = read(1, 0x3000, 11);
  EXPECT_TRUE(status[6] & kHomed) << "STATUS at 0x3006, HOMED is bit 11";
  EXPECT_FALSE(status[6] & kFault);
  EXPECT_EQ(low_first(status, 0), 0U);

  // 600 mm = 600000 µm = 0x000927C0, low word first.
  ASSERT_EQ(write(1, 0x2000, {0x27C0, 0x0009, kEnable | kPositionMode, 2}), std::nullopt);
  chair.advance(6s);
  status = read(1, 0x3000, 11);
  EXPECT_EQ(status[0], 0x27C0);
  EXPECT_EQ(status[1], 0x0009);
  EXPECT_TRUE(status[6] & (1U << 12U)) << "TARGET_REACHED is bit 12";
  EXPECT_EQ(status[9], 25) << "TEMPERATURE in whole °C";
  EXPECT_EQ(status[10], 2) << "HEARTBEAT_ECHO at 0x300A";
  EXPECT_DOUBLE_EQ(chair.axis(AxisKind::travel).position.value(), 600.0);
}

TEST_F(Kx7Chair, AlarmCodesAndCurrentScaleAreTheProfiles) {
  ASSERT_EQ(write(2, 0x2002, {kEnable | kPositionMode}), std::nullopt);
  chair.set_stalled(AxisKind::width, true);
  chair.advance(100ms);
  EXPECT_EQ(read(2, 0x3008, 1)[0], 500) << "5000 mA blocked, in 10 mA counts";
  chair.advance(200ms);
  EXPECT_EQ(read(2, 0x3007, 1)[0], 0x0101) << "E-OC overcurrent";
  chair.set_stalled(AxisKind::width, false);
  ASSERT_EQ(write(2, 0x2002, {kEnable | kFaultReset | kPositionMode}), std::nullopt);
  EXPECT_EQ(read(2, 0x3007, 1)[0], 0);
}

TEST_F(Kx7Chair, WatchdogUsesItsTimeScaleAndActionValues) {
  EXPECT_EQ(write(3, 0x4001, {2}), ModbusException::illegal_data_value)
      << "2 is the RA-1's quick stop, not a KX-7 action";
  ASSERT_EQ(write(3, 0x4000, {30, 7}), std::nullopt) << "300 ms in 10 ms steps; 7 quick stop";
  ASSERT_EQ(write(3, 0x2002, {kEnable | kPositionMode, 1}), std::nullopt);
  chair.advance(290ms);
  EXPECT_EQ(read(3, 0x3007, 1)[0], 0);
  chair.advance(20ms);
  EXPECT_EQ(read(3, 0x3007, 1)[0], 0x0201) << "E-WD watchdog";
  EXPECT_TRUE(read(3, 0x3006, 1)[0] & (1U << 5U)) << "COMM_LOST is bit 5";
  chair.advance(1s);
  EXPECT_FALSE(chair.axis(AxisKind::depth).enabled);
  EXPECT_DOUBLE_EQ(chair.axis(AxisKind::depth).position.value(), 0.0);
}

TEST_F(Kx7Chair, ForceInItsScaleThroughTheCodec) {
  chair.seat(BodyConfig{.seated = false});
  chair.place_reference_load(units::Newtons(50.0));
  chair.advance(1s);
  BenchMaster depth(chair, AxisKind::depth);
  EXPECT_NEAR(depth.status().force, 56.0, 1.5) << "50 N · 1.06 + 3 N";
  const auto raw = read(3, 0x3002, 2);
  EXPECT_NEAR(static_cast<double>(low_first(raw, 0)), 5600.0, 150.0) << "0.01 N counts";
}

}  // namespace
}  // namespace sim::testing
