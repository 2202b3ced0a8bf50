#pragma once

#include "daemon/model/calibration.hpp"
#include "daemon/model/chair_measurement.hpp"
#include "daemon/safety/safety_limits.hpp"
#include "daemon/session/step_runner.hpp"
#include "units/units.hpp"

// Moving the rollers to where a step begins without dragging them over the back: the depth
// retracts first and the carriage waits until the rollers are off the back, then the carriage
// and the rollers' spacing move at the speed for moving clear of the body. No jump: the
// supervisor still slows whatever comes near the body.
namespace session {

// The rollers count as there within these distances.
inline constexpr units::Millimetres kThereAlongTrack{2.0};
inline constexpr units::Millimetres kThereAcross{1.5};
// Clear of the body, the carriage moves at this speed.
inline constexpr units::MillimetresPerSecond kMoveSpeed{100.0};

// What a step asks of the carriage while the rollers are on the back or may be (holding a spot,
// pressing, retracting, standing still): no faster than [safety] allows near the body, so that
// the supervisor has nothing to slow down.
[[nodiscard]] units::MillimetresPerSecond near_body_speed(const safety::SafetyLimits& limits);

struct RollerPlace {
  units::Millimetres travel{0.0};
  units::Millimetres lateral{0.0};
};

// The rollers are at `place` (whatever their depth).
[[nodiscard]] bool at(const RollerPlace& place, const control::ChairMeasurement& measured);
// The rollers are off the back and drawn in.
[[nodiscard]] bool off_the_back(const control::ChairMeasurement& measured,
                                const safety::Calibration& calibration);
// This cycle's aim on the way to `place`.
[[nodiscard]] RollerAim reposition(const RollerPlace& place,
                                   const control::ChairMeasurement& measured,
                                   const safety::Calibration& calibration,
                                   const safety::SafetyLimits& limits);

}  // namespace session
