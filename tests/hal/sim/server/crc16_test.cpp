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

}  // namespace
}  // namespace sim
