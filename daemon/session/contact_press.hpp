#pragma once

#include <chrono>

#include "daemon/control/chair_measurement.hpp"
#include "daemon/control/chair_setpoint.hpp"
#include "units/units.hpp"

// Bringing the rollers onto the back and keeping them there with a force. Until they touch, the
// depth axis reaches out in position mode at the speed the supervisor allows near the body: in
// force mode alone a drive creeps toward a back that is still centimetres away (its speed grows
// with the missing force, and a light press misses little). Once they touch, force mode holds
// the force; the depth drive's force limit, the supervisor's ceiling, stops any overshoot.
namespace session {

// A contact force at or above this means the rollers found the back.
inline constexpr units::Newtons kContactForce{1.5};
// The rollers reach out at most this far looking for the back: farther than any seated back
// lies from the drawn-in rollers.
inline constexpr units::Millimetres kBackReach{60.0};
// A technique starts working the back once the contact force is this share of its target...
inline constexpr double kEngagedShare = 0.8;
// ...or once the rollers have looked for the back this long (it lies farther than expected).
inline constexpr std::chrono::seconds kLongestFind{5};

class ContactPress {
 public:
  // `reach`: the farthest the rollers reach out looking for the back.
  explicit ContactPress(units::Millimetres reach) : reach_(reach) {}

  // The depth setpoint to press with `target` this cycle, given the measurement and the
  // smoothed contact force.
  control::DepthSetpoint depth(units::Newtons target, const control::ChairMeasurement& measured,
                               units::Newtons smoothed);

  // The rollers have found the back and press it in force mode.
  [[nodiscard]] bool touching() const { return touching_; }
  // The rollers reached as far as they may without finding the back.
  [[nodiscard]] bool out_of_reach(const control::ChairMeasurement& measured) const;
  // The rollers were taken off the back (a pause, a release): look for it again.
  void lift() { touching_ = false; }

 private:
  units::Millimetres reach_;
  bool touching_ = false;
};

}  // namespace session
