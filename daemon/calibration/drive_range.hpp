#pragma once

#include <optional>

#include "drives/drives_view.hpp"
#include "units/units.hpp"

// The upper position limit a linear axis's drive reports (RANGE_MAX, read with its identity at
// start-up), in millimetres; none when the drive was not reached yet.
namespace calibration {

[[nodiscard]] std::optional<units::Millimetres> drive_range_max(const hal::DrivesView& drives,
                                                                hal::AxisKind axis);

}  // namespace calibration
