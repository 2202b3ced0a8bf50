#pragma once

#include <cstdint>
#include <span>

// CRC-16/MODBUS (polynomial 0xA001 reflected, initial value 0xFFFF), the check that ends every
// RTU frame. On the wire the low byte comes first.
namespace sim {

[[nodiscard]] std::uint16_t crc16_modbus(std::span<const std::uint8_t> bytes);

}  // namespace sim
