#pragma once

#include "daemon/model/chair_measurement.hpp"
#include "daemon/model/chair_setpoint.hpp"

namespace calibration {

// Holding still where the carriage is, the rollers drawn in as far as the supervisor lets them
// (the calibration's depth minimum, the mechanism's own on a chair never calibrated): where the
// load cell is read.
inline control::ChairSetpoint held_retracted(const control::ChairMeasurement& measured) {
  control::ChairSetpoint here;
  here.travel = measured.travel;
  here.travel_speed = units::MillimetresPerSecond(10.0);
  here.lateral = measured.lateral;
  here.depth = control::DepthRetracted{};
  return here;
}

}  // namespace calibration
