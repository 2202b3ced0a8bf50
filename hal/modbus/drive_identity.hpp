#pragma once

#include <cstdint>
#include <optional>

namespace hal {

// What a drive says about itself in its identity registers, read once at start-up.
struct DriveIdentity {
  std::uint16_t map_id = 0;
  std::uint16_t map_version = 0;
  std::uint16_t axis_kind_code = 0;
  std::uint16_t capabilities = 0;
  std::uint16_t firmware = 0;
  std::optional<std::uint32_t> serial;  // none when the profile has no serial number register
  // Counts: the upper position limit of a linear axis, the top speed of a rotary one.
  std::int64_t range_max = 0;
};

}  // namespace hal
