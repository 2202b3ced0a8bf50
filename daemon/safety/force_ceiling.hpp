#pragma once

#include <string>

#include "daemon/model/chair_setpoint.hpp"
#include "daemon/safety/safety_limits.hpp"
#include "daemon/safety/safety_rule.hpp"
#include "units/units.hpp"

// The strongest contact force allowed where the rollers are, for whoever asks: the region's
// ceiling (neck and lumbar lower than thoracic, the kidney zone lowest), the body scan's or
// service work's ceiling, and never more than the person's own maximum intensity. A roller
// moving along the back meets the next region before the drive hears of it, so the regions a
// short way up and down the track count too.
namespace safety {

// How far up and down the track the regions around the rollers count.
inline constexpr units::Millimetres kRegionLookahead{20.0};

struct ForceCeiling {
  units::Newtons force{0.0};
  Rule rule = Rule::region_force;  // the rule that sets it
  std::string why;                 // "the lumbar region's ceiling", for messages
};

// `travel` is where the rollers are. Without a body map a massage may only touch.
ForceCeiling force_ceiling(const SafetyLimits& limits, const control::SetpointContext& context,
                           units::Millimetres travel);

}  // namespace safety
