#pragma once

#include <array>
#include <cstdint>

#include "profile/drive_codec.hpp"
#include "sim/chair/axis_mechanics.hpp"
#include "sim/chair/register_map.hpp"

// The registers a master writes (command and configuration), held as the counts that were
// written, so that reading one back returns exactly what was written. The configuration part
// survives a reboot; the command part returns to its power-up values.
namespace sim {

class HeldRegisters {
 public:
  // The values the drive ships with: every limit at "axis default", the watchdog off, the soft
  // limits at the axis's ends, STALL_CURRENT at kDefaultStallCurrent.
  HeldRegisters(const hal::DriveCodec& codec, const AxisMechanics& mechanics);

  [[nodiscard]] std::int64_t get(DriveRegister id) const;
  void set(DriveRegister id, std::int64_t counts);
  [[nodiscard]] static bool holds(DriveRegister id);

  // A power cycle: the command registers go back to their power-up values.
  void reset_commands();

 private:
  static constexpr std::size_t kSlots = static_cast<std::size_t>(DriveRegister::stall_current) + 1;
  std::array<std::int64_t, kSlots> counts_{};
  std::array<std::int64_t, kSlots> power_up_{};
};

}  // namespace sim
