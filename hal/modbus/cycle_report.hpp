#pragma once

#include <string>
#include <vector>

#include "modbus/axis.hpp"
#include "modbus/drive_error.hpp"
#include "result/expected.hpp"

namespace hal {

// One drive's outcome of a control cycle: its fresh reading, or why there is none.
struct AxisOutcome {
  std::string bus;
  AxisKind axis = AxisKind::travel;
  int unit = 0;
  result::Expected<AxisReading, DriveError> reading;
};

// Every configured drive's outcome of one cycle, bus by bus, in configuration order.
struct CycleReport {
  std::vector<AxisOutcome> axes;

  [[nodiscard]] bool all_ok() const {
    for (const auto& a : axes) {
      if (!a.reading) return false;
    }
    return true;
  }
  // The first drive of that kind, or nullptr.
  [[nodiscard]] const AxisOutcome* find(AxisKind kind) const {
    for (const auto& a : axes) {
      if (a.axis == kind) return &a;
    }
    return nullptr;
  }
  [[nodiscard]] std::vector<DriveError> errors() const {
    std::vector<DriveError> out;
    for (const auto& a : axes) {
      if (!a.reading) out.push_back(a.reading.error());
    }
    return out;
  }
};

}  // namespace hal
