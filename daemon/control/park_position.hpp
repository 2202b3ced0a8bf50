#pragma once

#include "daemon/model/calibration.hpp"
#include "daemon/model/chair_measurement.hpp"
#include "daemon/model/chair_setpoint.hpp"

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
