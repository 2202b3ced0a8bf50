#include "sim/server/crc16.hpp"

namespace sim {

std::uint16_t crc16_modbus(std::span<const std::uint8_t> bytes) {
  std::uint16_t crc = 0xFFFF;
  for (const std::uint8_t byte : bytes) {
    crc ^= byte;
    for (int bit = 0; bit < 8; ++bit) {
      const bool carry = (crc & 0x0001U) != 0;
      crc = static_cast<std::uint16_t>(crc >> 1U);
      if (carry) crc ^= 0xA001;
    }
  }
  return crc;
}

}  // namespace sim
