#include "daemon/session/pressing_force.hpp"

#include <algorithm>

#include "daemon/model/chair_setpoint.hpp"
#include "daemon/programs/intensity.hpp"
#include "daemon/safety/compression_hold.hpp"
#include "daemon/safety/force_ceiling.hpp"

namespace session {

units::Newtons force_of(int intensity, units::Newtons ceiling) {
  using programs::Intensity;
  const int level = std::clamp(intensity, Intensity::kLightest, Intensity::kFirmest);
  const double share = static_cast<double>(level - Intensity::kLightest) /
                       static_cast<double>(Intensity::kFirmest - Intensity::kLightest);
  const auto force = safety::kTouchForce + (ceiling - safety::kTouchForce) * share;
  return std::min(force, ceiling);
}

units::Newtons region_ceiling(const safety::SafetyLimits& limits, const bodymap::BodyMap& body,
                              units::Millimetres here, units::Millimetres there) {
  control::SetpointContext context;
  context.purpose = control::Purpose::massage;
  context.body = body;
  context.engage_depth = true;
  const auto at_here = safety::force_ceiling(limits, context, here).force;
  const auto at_there = safety::force_ceiling(limits, context, there).force;
  return std::min(at_here, at_there);
}

}  // namespace session
