#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "modbus/drive_error.hpp"
#include "modbus/drive_reading.hpp"
#include "profile/axis_kind.hpp"

namespace hal {

// The drives' confirmations of one quick stop on a bus.
struct QuickStopRecord {
  struct Confirmation {
    AxisKind axis = AxisKind::travel;
    int unit = 0;
    ReadingOutcome reading;  // the drive's reply to CONTROL with QUICK_STOP, or why none came
  };
  std::uint64_t sequence = 0;  // 0: no stop served yet
  bool broadcast = false;      // sent to unit 0 first (RTU)
  std::optional<DriveError> broadcast_error;
  std::vector<Confirmation> confirmations;  // active drives, in configuration order
};

}  // namespace hal
