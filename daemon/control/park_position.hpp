#pragma once

#include "daemon/control/chair_measurement.hpp"
#include "daemon/control/chair_setpoint.hpp"
#include "daemon/safety/calibration.hpp"

// Where the rollers wait between sessions: retracted, at the top of their travel range, the
// rollers at a middle width, kneading and tapping stopped. Parking goes through the supervisor
// like any other motion.
namespace control {

// `margin` keeps the park position inside the calibrated travel range.
[[nodiscard]] SetpointRequest park_request(const safety::Calibration& calibration,
                                           units::Millimetres margin);

// The rollers are parked as `request` asks, and still.
[[nodiscard]] bool parked(const SetpointRequest& request, const ChairMeasurement& measured,
                          const safety::Calibration& calibration);

}  // namespace control
