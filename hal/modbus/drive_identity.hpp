#pragma once

#include <cstdint>

namespace hal {

// What a drive says about itself in its identity registers, read once at start-up.
struct DriveIdentity {
  std::uint16_t map_id = 0;
  std::uint16_t map_version = 0;
  std::uint16_t axis_kind_code = 0;
  std::uint16_t capabilities = 0;
  std::uint16_t firmware = 0;
  std::uint32_t serial = 0;
  // Counts: the upper position limit of a linear axis, the top speed of a rotary one.
  std::int64_t range_max = 0;
};

}  // namespace hal
