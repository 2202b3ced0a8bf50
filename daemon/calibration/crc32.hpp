#pragma once

#include <cstdint>
#include <string_view>

// CRC-32 (IEEE 802.3, as zlib and `crc32` compute it): enough to tell a torn or hand-damaged
// calibration file from a whole one. Not a defence against someone who means harm.
namespace calibration {

[[nodiscard]] std::uint32_t crc32(std::string_view bytes);

}  // namespace calibration
