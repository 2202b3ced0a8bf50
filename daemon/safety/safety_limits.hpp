#pragma once

#include <chrono>

#include "daemon/safety/hard_ceilings.hpp"
#include "units/units.hpp"

// The limits the supervisor and the fault watch apply, as configured in [safety]; every field
// lies within its hard ceiling (hard_ceilings.hpp), which the configuration reader enforces.
// The defaults are gentle: a first session must not leave anyone sore for days.
namespace safety {

using namespace std::chrono_literals;

// The strongest contact force allowed in each region of the back.
struct RegionForces {
  units::Newtons neck{10.0};
  units::Newtons thoracic{25.0};
  units::Newtons kidney{5.0};
  units::Newtons lumbar{18.0};  // lumbar and sacral
};

struct SafetyLimits {
  units::Millimetres midline_clearance{25.0};
  RegionForces region_force{};
  units::Newtons force_fault{45.0};
  units::Newtons body_scan_force{8.0};
  units::Newtons service_force{30.0};

  std::chrono::milliseconds max_hold{90s};
  std::chrono::milliseconds release{10s};
  std::chrono::minutes session{15};
  std::chrono::minutes session_max{30};

  units::MillimetresPerSecond travel_speed_near_body{50.0};
  units::MillimetresPerSecond width_speed_near_body{20.0};
  units::MillimetresPerSecond depth_speed_near_body{15.0};
  units::MillimetresPerSecondSquared acceleration_near_body{200.0};
  units::Rpm knead_max{60.0};
  units::Rpm tap_max{480.0};
  units::Millimetres range_margin{5.0};

  units::Milliamperes stall_current{3500.0};
  std::chrono::milliseconds stall_time{200};
  units::Celsius motor_temperature{70.0};
  units::Millimetres following_error{10.0};
  std::chrono::milliseconds stuck_time{500};
  std::chrono::milliseconds status_age{250};
};

// The defaults themselves respect the ceilings.
static_assert(SafetyLimits{}.midline_clearance >= ceiling::kMidlineClearance);
static_assert(SafetyLimits{}.region_force.thoracic <= ceiling::kThoracicForce);
static_assert(SafetyLimits{}.region_force.kidney <= ceiling::kKidneyForce);
static_assert(SafetyLimits{}.force_fault <= ceiling::kForceFault);
static_assert(SafetyLimits{}.session_max <= ceiling::kSession);

}  // namespace safety
