#include "sim/server/crc16.hpp"

#include <array>

#include <gtest/gtest.h>

namespace sim {
namespace {

TEST(Crc16Modbus, MatchesTheStandardCheckValue) {
  const std::string text = "123456789";
  const std::vector<std::uint8_t> bytes(text.begin(), text.end());
  EXPECT_EQ(crc16_modbus(bytes), 0x4B37);
}

TEST(Crc16Modbus, MatchesAKnownReadRequestFrame) {
  // Unit 1, read 1 register from 0: the CRC travels as 0x84 0x0A (low byte first).
  const std::array<std::uint8_t, 6> frame{0x01, 0x03, 0x00, 0x00, 0x00, 0x01};
  EXPECT_EQ(crc16_modbus(frame), 0x0A84);
}

TEST(Crc16Modbus, MatchesTheSpecificationsExampleAndACycleFrame) {
  // The Modbus serial line guide's example: the bytes 0x02 0x07 give 0x1241.
  const std::array<std::uint8_t, 2> example{0x02, 0x07};
  EXPECT_EQ(crc16_modbus(example), 0x1241);
  // A cycle's function 23 to unit 1: write CONTROL, SETPOINT, HEARTBEAT, read the status block.
  const std::array<std::uint8_t, 17> cycle{0x01, 0x17, 0x02, 0x00, 0x00, 0x08, 0x01, 0x00, 0x00,
                                           0x03, 0x06, 0x00, 0x03, 0x00, 0x00, 0x00, 0x07};
  EXPECT_EQ(crc16_modbus(cycle), 0xEB2A);
}

}  // namespace
}  // namespace sim
