#pragma once

#include <array>
#include <functional>
#include <optional>
#include <string>

#include "daemon/model/calibration.hpp"
#include "modbus/axis_reading.hpp"
#include "modbus/cycle_report.hpp"
#include "modbus/drive_error.hpp"
#include "units/units.hpp"

// What the chair measured in one control cycle: each drive's reading (fresh, or the last one
// known with why none came), and the same in the chair's terms, with the load cell corrected
// by the calibration before any force rule sees it.
namespace control {

struct AxisSample {
  hal::AxisKind kind = hal::AxisKind::travel;
  std::string bus;
  int unit = 0;
  std::optional<hal::AxisReading> reading;  // the latest known; stale when `error` is set
  std::optional<hal::DriveError> error;     // why this cycle brought no (clean) reading

  // The drive answered this cycle (it may report trouble of its own: an alarm, a restart).
  [[nodiscard]] bool fresh() const {
    if (!reading) return false;
    if (!error) return true;
    return error->kind == hal::DriveErrorKind::drive_alarm ||
           error->kind == hal::DriveErrorKind::drive_restarted;
  }
};

// The fields every reading has, whichever the axis's motion.
[[nodiscard]] inline const hal::StatusFlags& flags_of(const hal::AxisReading& reading) {
  return std::visit([](const auto& r) -> const hal::StatusFlags& { return r.flags; }, reading);
}
[[nodiscard]] inline units::Milliamperes current_of(const hal::AxisReading& reading) {
  return std::visit([](const auto& r) { return r.current; }, reading);
}
[[nodiscard]] inline units::Celsius temperature_of(const hal::AxisReading& reading) {
  return std::visit([](const auto& r) { return r.temperature; }, reading);
}
[[nodiscard]] inline std::chrono::nanoseconds age_of(const hal::AxisReading& reading) {
  return std::visit([](const auto& r) { return r.age; }, reading);
}
[[nodiscard]] inline const std::optional<hal::DriveAlarm>& alarm_of(
    const hal::AxisReading& reading) {
  return std::visit([](const auto& r) -> const std::optional<hal::DriveAlarm>& { return r.alarm; },
                    reading);
}

struct ChairMeasurement {
  std::array<AxisSample, hal::kAllAxisKinds.size()> axes{};  // in hal::kAllAxisKinds order

  units::Millimetres travel{0.0};
  units::MillimetresPerSecond travel_velocity{0.0};
  units::Millimetres lateral{0.0};  // each roller's distance from the midline: half the width
  units::Millimetres depth{0.0};
  units::Newtons raw_force{0.0};  // the load cell as the drive reports it
  units::Newtons force{0.0};      // the same, corrected by the calibration
  units::Rpm knead{0.0};
  units::Rpm tap{0.0};

  [[nodiscard]] const AxisSample& axis(hal::AxisKind kind) const {
    return axes[static_cast<std::size_t>(kind)];
  }
  [[nodiscard]] AxisSample& axis(hal::AxisKind kind) {
    return axes[static_cast<std::size_t>(kind)];
  }
  // Every axis answered this cycle.
  [[nodiscard]] bool all_fresh() const {
    for (const auto& a : axes) {
      if (!a.fresh()) return false;
    }
    return true;
  }
  // The latest reading of an axis, if any, typed by its motion.
  [[nodiscard]] const hal::LinearReading* linear(hal::AxisKind kind) const {
    const auto& sample = axis(kind);
    return sample.reading ? std::get_if<hal::LinearReading>(&*sample.reading) : nullptr;
  }
  [[nodiscard]] const hal::RotaryReading* rotary(hal::AxisKind kind) const {
    const auto& sample = axis(kind);
    return sample.reading ? std::get_if<hal::RotaryReading>(&*sample.reading) : nullptr;
  }
};

// The latest reading the HAL keeps for an axis, for those that brought none this cycle.
using LatestReading = std::function<std::optional<hal::AxisReading>(hal::AxisKind)>;

ChairMeasurement measure(const hal::CycleReport& report, const LatestReading& latest,
                         const safety::Calibration& calibration);

}  // namespace control
