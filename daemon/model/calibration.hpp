#pragma once

#include <string>

#include "units/units.hpp"

// What the supervisor needs from the chair's calibration: where each linear axis may go, and how
// to correct the depth axis's load cell (daemon/calibration measures and keeps it). Until a
// calibration is valid the supervisor lets no massage press on the body; meanwhile whatever was
// not measured for the drives in place is the mechanism's own range, or the load cell's reading
// taken as it comes.
namespace safety {

// A soft range of a linear axis, inside its end stops.
struct AxisRange {
  units::Millimetres min{0.0};
  units::Millimetres max{0.0};

  [[nodiscard]] units::Millimetres middle() const { return (min + max) / 2.0; }
  // The range shrunk by `margin` at both ends (never inverted: a range narrower than two margins
  // becomes its middle).
  [[nodiscard]] AxisRange inset(units::Millimetres margin) const;
  [[nodiscard]] units::Millimetres clamp(units::Millimetres position) const {
    return units::clamp(position, min, max);
  }
  [[nodiscard]] bool contains(units::Millimetres position) const {
    return position >= min && position <= max;
  }

  friend bool operator==(const AxisRange&, const AxisRange&) = default;
};

// The load cell as shipped reads reading = gain × force + offset.
struct ForceSensorCalibration {
  units::Newtons offset{0.0};
  double gain = 1.0;

  // The force truly on the rollers for a raw FORCE reading.
  [[nodiscard]] units::Newtons corrected(units::Newtons raw) const { return (raw - offset) / gain; }
  // The raw reading the drive sees for a true force: what FORCE_LIMIT and force mode act on.
  [[nodiscard]] units::Newtons raw(units::Newtons force) const { return force * gain + offset; }

  friend bool operator==(const ForceSensorCalibration&, const ForceSensorCalibration&) = default;
};

struct Calibration {
  bool valid = false;
  AxisRange travel{units::Millimetres(0.0), units::Millimetres(1200.0)};
  AxisRange width{units::Millimetres(40.0), units::Millimetres(200.0)};
  AxisRange depth{units::Millimetres(0.0), units::Millimetres(100.0)};
  ForceSensorCalibration force{};

  friend bool operator==(const Calibration&, const Calibration&) = default;
};

// The RA-1 mechanism's full ranges (its datasheet) and an uncorrected load cell, marked not
// valid: enough to home and park, not to press.
Calibration uncalibrated();

// Why `calibration` cannot be used, or an empty string: a range that is empty or inverted, a
// gain that is not positive.
std::string check_calibration(const Calibration& calibration);

}  // namespace safety
