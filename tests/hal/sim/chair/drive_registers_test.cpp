#include <gtest/gtest.h>

#include <set>

#include "bench_master.hpp"

// The RA-1 register map as a master sees it: identity, exceptions, heartbeat echo, function 23,
// broadcast and what survives a reboot. Addresses are the datasheet's, written out, so that a
// drift between the profile, the simulator and the datasheet shows here.
namespace sim::testing {
namespace {

using hal::AxisKind;
using hal::DriveMode;
using hal::Quantity;

constexpr auto kIllegalAddress = ModbusException::illegal_data_address;
constexpr auto kIllegalValue = ModbusException::illegal_data_value;

class DriveRegisters : public ::testing::Test {
 protected:
  SimulatedChair chair{ra1_chair()};

  std::vector<std::uint16_t> read(std::uint8_t unit, std::uint16_t address, std::uint16_t count) {
    std::vector<std::uint16_t> out;
    EXPECT_EQ(chair.read(unit, address, count, out), std::nullopt);
    return out;
  }
  std::optional<ModbusException> write(std::uint8_t unit, std::uint16_t address,
                                       std::vector<std::uint16_t> words) {
    return chair.write(unit, address, words);
  }
};

TEST_F(DriveRegisters, IdentityNamesTheMapTheAxisAndItsLimits) {
  struct Expected {
    std::uint8_t unit;
    std::uint16_t kind, capabilities, range_max;
  };
  // capabilities: bit 0 position, 1 velocity, 2 force, 3 force sensor, 4 homing
  const Expected axes[] = {{1, 1, 0b10011, 12000},
                           {2, 2, 0b10011, 2000},
                           {3, 3, 0b11111, 1000},
                           {4, 4, 0b00011, 900},
                           {5, 5, 0b00011, 7200}};
  std::set<std::uint32_t> serials;
  for (const auto& a : axes) {
    const auto id = read(a.unit, 0x0000, 8);
    ASSERT_EQ(id.size(), 8U);
    EXPECT_EQ(id[0], 0x5241) << "MAP_ID of unit " << int(a.unit);
    EXPECT_EQ(id[1], 1) << "MAP_VERSION";
    EXPECT_EQ(id[2], a.kind) << "AXIS_KIND";
    EXPECT_EQ(id[3], a.capabilities) << "CAPABILITIES of unit " << int(a.unit);
    EXPECT_EQ(id[4], 0x0104) << "FIRMWARE 1.4";
    serials.insert((std::uint32_t{id[5]} << 16U) | id[6]);  // high word first
    EXPECT_EQ(id[7], a.range_max) << "RANGE_MAX of unit " << int(a.unit);
  }
  EXPECT_EQ(serials.size(), 5U) << "every drive has its own serial number";
  EXPECT_TRUE(serials.contains(20260001U));
}

TEST_F(DriveRegisters, PowerUpIsReadyNotEnabledNotHomed) {
  BenchMaster travel(chair, AxisKind::travel);
  const auto s = travel.status();
  EXPECT_TRUE(s.flags.ready);
  EXPECT_FALSE(s.flags.enabled);
  EXPECT_FALSE(s.flags.homed);
  EXPECT_FALSE(s.flags.fault);
  EXPECT_EQ(s.alarm, 0);
  EXPECT_DOUBLE_EQ(s.current, 0.0) << "an unpowered motor draws nothing";
  EXPECT_NEAR(s.temperature, 25.0, 0.1);
  EXPECT_EQ(read(1, 0x0300, 5), (std::vector<std::uint16_t>{0, 0, 0, 12000, 4000}))
      << "COMM_TIMEOUT and COMM_LOSS_ACTION ship as 0, soft limits at the ends";
}

TEST_F(DriveRegisters, AddressOutsideTheMapIsIllegalDataAddress) {
  std::vector<std::uint16_t> out;
  EXPECT_EQ(chair.read(1, 0x0008, 1, out), kIllegalAddress);
  EXPECT_EQ(chair.read(1, 0x0006, 3, out), kIllegalAddress) << "a read running past the block";
  EXPECT_EQ(chair.read(1, 0x0106, 1, out), kIllegalAddress);
  EXPECT_EQ(chair.read(1, 0x0208, 1, out), kIllegalAddress);
  EXPECT_EQ(chair.read(1, 0x0305, 1, out), kIllegalAddress);
  EXPECT_EQ(chair.read(1, 0xFFFF, 2, out), kIllegalAddress);
  EXPECT_EQ(write(1, 0x0106, {0}), kIllegalAddress);
  EXPECT_EQ(write(1, 0x0305, {0}), kIllegalAddress);
}

TEST_F(DriveRegisters, WriteToReadOnlyRegisterIsIllegalDataAddress) {
  EXPECT_EQ(write(1, 0x0000, {0x1234}), kIllegalAddress) << "MAP_ID";
  EXPECT_EQ(write(1, 0x0007, {1}), kIllegalAddress) << "RANGE_MAX";
  EXPECT_EQ(write(3, 0x0201, {0}), kIllegalAddress) << "POSITION";
  EXPECT_EQ(write(3, 0x0206, {7}), kIllegalAddress) << "HEARTBEAT_ECHO";
  EXPECT_EQ(read(1, 0x0000, 1), std::vector<std::uint16_t>{0x5241});
}

TEST_F(DriveRegisters, ValuesOutOfRangeAreIllegalDataValue) {
  const std::uint16_t position = 0x0000, velocity = 0x0100, force = 0x0200;
  const std::uint16_t enable = 0x0001;
  struct Case {
    std::uint8_t unit;
    std::uint16_t address;
    std::vector<std::uint16_t> words;
    const char* what;
  };
  const Case cases[] = {
      {1, 0x0100, {enable | position, 12001}, "travel position beyond RANGE_MAX"},
      {1, 0x0100, {enable | position, static_cast<std::uint16_t>(-1)}, "travel position below 0"},
      {2, 0x0100, {enable | position, 399}, "width position below its 40 mm end"},
      {1, 0x0100, {enable | velocity, 1501}, "travel velocity above 150 mm/s"},
      {5, 0x0100, {enable | velocity, 7201}, "tap above 720 rpm"},
      {4, 0x0100, {enable | position, 3600}, "knead phase of a full turn"},
      {1, 0x0100, {enable | force}, "force mode on travel"},
      {4, 0x0100, {enable | force}, "force mode on knead"},
      {1, 0x0100, {enable | 0x0300}, "mode 3 is not defined"},
      {3, 0x0100, {enable | force, 2501}, "force setpoint above 250 N"},
      {3, 0x0100, {enable | force, static_cast<std::uint16_t>(-10)}, "negative force"},
      {1, 0x0103, {1501}, "VELOCITY_LIMIT above the axis maximum"},
      {3, 0x0104, {2501}, "FORCE_LIMIT above 250 N"},
      {1, 0x0105, {1501}, "ACCEL_LIMIT above the axis maximum"},
      {1, 0x0301, {3}, "COMM_LOSS_ACTION 3 is not defined"},
      {1, 0x0302, {9000, 8000}, "SOFT_MIN above SOFT_MAX"},
      {1, 0x0303, {12001}, "SOFT_MAX beyond the range"},
      {2, 0x0302, {300}, "width SOFT_MIN below 40 mm"},
      {1, 0x0304, {50}, "STALL_CURRENT below 100 mA"},
      {1, 0x0304, {10001}, "STALL_CURRENT above 10 A"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(write(c.unit, c.address, c.words), kIllegalValue) << c.what;
  }
}

TEST_F(DriveRegisters, SetpointBeyondTheSoftLimitsIsRefused) {
  ASSERT_EQ(write(1, 0x0302, {1000, 8000}), std::nullopt);
  EXPECT_EQ(write(1, 0x0101, {8001}), kIllegalValue);
  EXPECT_EQ(write(1, 0x0101, {999}), kIllegalValue);
  EXPECT_EQ(write(1, 0x0101, {8000}), std::nullopt);
  EXPECT_EQ(read(1, 0x0101, 1), std::vector<std::uint16_t>{8000});
}

TEST_F(DriveRegisters, RefusedRequestChangesNothing) {
  ASSERT_EQ(write(3, 0x0100, {0x0000, 0, 41}), std::nullopt);
  // ENABLE in force mode with a heartbeat, but a setpoint of 300 N: all of it is refused.
  EXPECT_EQ(write(3, 0x0100, {0x0201, 3000, 42}), kIllegalValue);
  EXPECT_EQ(read(3, 0x0100, 3), (std::vector<std::uint16_t>{0x0000, 0, 41}));
  BenchMaster depth(chair, AxisKind::depth);
  const auto s = depth.status();
  EXPECT_FALSE(s.flags.enabled);
  EXPECT_EQ(s.heartbeat_echo, 41);
  // A block reaching past the command registers is refused whole, too.
  EXPECT_EQ(write(3, 0x0103, {100, 100, 100, 100}), kIllegalAddress);
  EXPECT_EQ(read(3, 0x0103, 3), (std::vector<std::uint16_t>{0, 0, 0}));
  // So is a valid SOFT_MAX written with an invalid STALL_CURRENT.
  EXPECT_EQ(write(3, 0x0303, {500, 20}), kIllegalValue);
  EXPECT_EQ(read(3, 0x0303, 2), (std::vector<std::uint16_t>{1000, 4000}));
}

TEST_F(DriveRegisters, HeartbeatEchoRepeatsTheLastHeartbeat) {
  ASSERT_EQ(write(2, 0x0102, {0xBEEF}), std::nullopt);
  EXPECT_EQ(read(2, 0x0206, 1), std::vector<std::uint16_t>{0xBEEF});
  ASSERT_EQ(write(2, 0x0102, {7}), std::nullopt);
  EXPECT_EQ(read(2, 0x0206, 1), std::vector<std::uint16_t>{7});
  EXPECT_EQ(read(1, 0x0206, 1), std::vector<std::uint16_t>{0}) << "other drives unaffected";
}

TEST_F(DriveRegisters, WriteAndReadAppliesTheWriteBeforeReading) {
  const std::vector<std::uint16_t> command = {0x0001, 0, 5};  // ENABLE, position mode
  std::vector<std::uint16_t> status;
  ASSERT_EQ(chair.write_read(1, 0x0100, command, 0x0200, 8, status), std::nullopt);
  ASSERT_EQ(status.size(), 8U);
  EXPECT_TRUE(status[0] & 0x0002) << "ENABLED already in the answer";
  EXPECT_EQ(status[6], 5) << "HEARTBEAT_ECHO";
}

TEST_F(DriveRegisters, WriteAndReadWithARefusedPartDoesNothing) {
  std::vector<std::uint16_t> status;
  const std::vector<std::uint16_t> too_far = {0x0001, 12001, 5};
  EXPECT_EQ(chair.write_read(1, 0x0100, too_far, 0x0200, 8, status), kIllegalValue);
  EXPECT_TRUE(status.empty());
  const std::vector<std::uint16_t> fine = {0x0001, 0, 6};
  EXPECT_EQ(chair.write_read(1, 0x0100, fine, 0x0200, 9, status), kIllegalAddress)
      << "the read runs past the status block";
  EXPECT_EQ(read(1, 0x0100, 3), (std::vector<std::uint16_t>{0, 0, 0})) << "nothing was written";
}

TEST_F(DriveRegisters, UnknownUnitIsNotServed) {
  EXPECT_TRUE(chair.has_unit(5));
  EXPECT_FALSE(chair.has_unit(6));
  EXPECT_FALSE(chair.has_unit(0));
  std::vector<std::uint16_t> out;
  EXPECT_EQ(chair.read(6, 0, 1, out), ModbusException::gateway_target_failed);
}

TEST_F(DriveRegisters, BroadcastReachesEveryDriveAndOnlyTheCommandBlock) {
  for (std::uint8_t unit = 1; unit <= 5; ++unit) {
    ASSERT_EQ(write(unit, 0x0100, {0x0001}), std::nullopt);
  }
  for (const auto axis : hal::kAllAxisKinds) ASSERT_TRUE(chair.axis(axis).enabled);
  chair.broadcast_write(0x0104, std::vector<std::uint16_t>{800});
  chair.broadcast_write(0x0300, std::vector<std::uint16_t>{500});  // configuration: not broadcast
  for (std::uint8_t unit = 1; unit <= 5; ++unit) {
    EXPECT_EQ(read(unit, 0x0104, 1), std::vector<std::uint16_t>{800}) << "unit " << int(unit);
    EXPECT_EQ(read(unit, 0x0300, 1), std::vector<std::uint16_t>{0}) << "unit " << int(unit);
  }
  chair.broadcast_write(0x0100, std::vector<std::uint16_t>{0x0004});  // QUICK_STOP, all axes
  chair.advance(3s);
  for (const auto axis : hal::kAllAxisKinds) {
    const auto truth = chair.axis(axis);
    EXPECT_FALSE(truth.enabled) << to_string(axis);
    EXPECT_EQ(truth.quick_stop, QuickStopState::stopped) << to_string(axis);
  }
}

TEST_F(DriveRegisters, RebootKeepsConfigurationAndForgetsTheRest) {
  BenchMaster travel(chair, AxisKind::travel);
  ASSERT_EQ(write(1, 0x0300, {300, 2, 50, 11000, 3500}), std::nullopt);
  ASSERT_EQ(write(1, 0x0103, {800, 0, 200}), std::nullopt);
  ASSERT_EQ(travel.command({.enable = true, .home = true}, 5.0), std::nullopt);
  travel.keep_alive_for(8s);
  ASSERT_TRUE(travel.status().flags.homed);

  chair.reboot(AxisKind::travel);

  EXPECT_EQ(read(1, 0x0300, 5), (std::vector<std::uint16_t>{300, 2, 50, 11000, 3500}));
  EXPECT_EQ(read(1, 0x0100, 6), (std::vector<std::uint16_t>{0, 0, 0, 0, 0, 0}));
  const auto s = travel.status();
  EXPECT_FALSE(s.flags.enabled);
  EXPECT_FALSE(s.flags.homed);
  EXPECT_TRUE(s.flags.ready);
}

TEST_F(DriveRegisters, ReplacedDriveHasItsOwnSerialAndShipsUnconfigured) {
  BenchMaster depth(chair, AxisKind::depth);
  ASSERT_EQ(write(3, 0x0300, {300, 2}), std::nullopt);
  ASSERT_EQ(depth.command({.enable = true, .home = true}, 5.0), std::nullopt);
  depth.keep_alive_for(8s);
  ASSERT_TRUE(depth.status().flags.homed);
  EXPECT_EQ(read(3, 0x0005, 2), (std::vector<std::uint16_t>{0x0135, 0x24A3}))  // 20260003
      << "SERIAL, high word first";

  chair.replace_drive(AxisKind::depth, 20269999);

  EXPECT_EQ(read(3, 0x0005, 2), (std::vector<std::uint16_t>{0x0135, 0x4BAF}));  // 20269999
  EXPECT_EQ(read(3, 0x0300, 2), (std::vector<std::uint16_t>{0, 0}))
      << "a new drive's watchdog ships off";
  EXPECT_FALSE(depth.status().flags.homed);
  EXPECT_EQ(read(2, 0x0005, 2), (std::vector<std::uint16_t>{0x0135, 0x24A2}))
      << "the width drive is still the one it was";
}

TEST(ChairConfig, EachDriveHasTheSerialNumberConfiguredForIt) {
  auto config = ra1_chair();
  config.serials[AxisKind::width] = 7;
  SimulatedChair chair(config);
  std::vector<std::uint16_t> out;
  ASSERT_EQ(chair.read(2, 0x0005, 2, out), std::nullopt);
  EXPECT_EQ(out, (std::vector<std::uint16_t>{0, 7}));
  config.serials[AxisKind::tap] = 7;
  try {
    SimulatedChair twins(config);
    FAIL() << "two drives with one serial number were accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("serials.tap = 7"), std::string::npos) << e.what();
  }
}

TEST(ChairConfig, UnusableConfigurationIsRefusedWithTheField) {
  auto config = ra1_chair();
  config.unit_ids[AxisKind::tap] = 1;
  try {
    SimulatedChair chair(config);
    FAIL() << "two drives on unit 1 were accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("already used"), std::string::npos) << e.what();
  }
  config = ra1_chair();
  config.power_up.travel = units::Millimetres(1300.0);
  EXPECT_THROW(SimulatedChair{config}, std::invalid_argument);
  config = ra1_chair();
  config.body.shoulder_travel = units::Millimetres(950.0);
  EXPECT_THROW(SimulatedChair{config}, std::invalid_argument);
}

}  // namespace
}  // namespace sim::testing
