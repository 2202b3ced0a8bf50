#pragma once

#include "daemon/bodymap/body_map.hpp"
#include "daemon/safety/safety_limits.hpp"
#include "units/units.hpp"

// How a program's intensity becomes a contact force. Programs never state a force: intensity 1
// is a touch (safety::kTouchForce) and 10 the strongest the supervisor allows there (its region
// ceiling, from daemon/safety/force_ceiling.hpp), evenly in between. So the same intensity
// presses less over the kidneys than between the shoulder blades, and a chair configured more
// gently presses more gently everywhere.
namespace session {

// The force of `intensity` (1..10; clamped) under `ceiling`; never above the ceiling.
[[nodiscard]] units::Newtons force_of(int intensity, units::Newtons ceiling);

// The lowest of the supervisor's region ceilings where the rollers are and where they are going,
// looking a little way up and down the track as the supervisor does.
[[nodiscard]] units::Newtons region_ceiling(const safety::SafetyLimits& limits,
                                            const bodymap::BodyMap& body, units::Millimetres here,
                                            units::Millimetres there);

}  // namespace session
