#pragma once

#include <vector>

#include "daemon/model/chair_setpoint.hpp"
#include "daemon/safety/safety_rule.hpp"
#include "units/units.hpp"

// The supervisor's answer to one setpoint request: what may go to the drives this cycle, the
// limits the drives must apply themselves, and which rules acted. Only the Supervisor makes
// one: whatever reaches the drives has passed its review.
namespace safety {

class Supervisor;

// Speeds and accelerations for the axes whose speed the setpoint does not give.
struct MotionLimits {
  units::MillimetresPerSecondSquared travel_acceleration{0.0};
  units::MillimetresPerSecond width_speed{0.0};
  units::MillimetresPerSecondSquared width_acceleration{0.0};
  units::MillimetresPerSecond depth_speed{0.0};  // toward the body
  units::MillimetresPerSecondSquared depth_acceleration{0.0};
  units::MillimetresPerSecond retract_speed{0.0};  // away from it: never slowed
};

class Decision {
 public:
  control::ChairSetpoint setpoint;
  // The contact force the depth drive must never push beyond (calibrated, as the setpoint's).
  units::Newtons force_limit{0.0};
  bool engage_depth = false;  // the rollers may press this cycle
  bool near_body = false;     // the rollers touch or reach for the back: slow limits apply
  bool session_over = false;  // the session's time is up: the session ends
  MotionLimits motion{};
  std::vector<RuleAction> actions;

  [[nodiscard]] bool acted(Rule rule) const { return safety::acted(actions, rule); }

 private:
  friend class Supervisor;
  Decision() = default;
};

}  // namespace safety
