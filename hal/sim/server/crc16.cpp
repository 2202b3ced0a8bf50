#include "sim/server/crc16.hpp"

#include <boost/crc.hpp>

namespace sim {

std::uint16_t crc16_modbus(std::span<const std::uint8_t> bytes) {
  // Polynomial 0x8005 (0xA001 reflected), initial value 0xFFFF, reflected in and out, no final
  // XOR: CRC-16/MODBUS.
  boost::crc_optimal<16, 0x8005, 0xFFFF, 0, true, true> crc;
  crc.process_bytes(bytes.data(), bytes.size());
  return crc.checksum();
}

}  // namespace sim
