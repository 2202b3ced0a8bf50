#pragma once

#include <chrono>

#include "daemon/model/chair_measurement.hpp"
#include "daemon/model/chair_setpoint.hpp"
#include "units/units.hpp"

// Bringing the rollers onto the back and keeping them there with a force. Until they touch, the
// depth axis reaches out in position mode at the speed the supervisor allows near the body: in
// force mode alone a drive creeps toward a back that is still centimetres away (its speed grows
// with the missing force, and a light press misses little). Once they touch, force mode holds
// the force; the depth drive's force limit, the supervisor's ceiling, stops any overshoot.
//
// The search for the back is bounded, in depth and in time: the rollers reach out at most
// `reach` (or a little beyond where they lost it, if they had followed it deeper), and the back
// counts as not there once they have stood that far out for kAtFullReach without touching it, or
// have looked for it for kLongestSearch in all. Pressing, they follow a back that leans away from
// them at most kBeyondReach beyond `reach`, and press it only as far as that. A person sitting
// forward, or a back that ends higher above the seat than the chair assumes, leaves the rollers
// nothing to find near the seat: the step says so and goes on without that part (docs/sessions.md).
namespace session {

// A contact force at or above this means the rollers found the back.
inline constexpr units::Newtons kContactForce{1.5};
// The rollers reach out at most this far looking for the back: farther than any back resting
// against the backrest lies from the drawn-in rollers.
inline constexpr units::Millimetres kBackReach{60.0};
// A technique starts working the back once the contact force is this share of its target...
inline constexpr double kEngagedShare = 0.8;
// ...or once the rollers have looked for the back this long (it lies farther than expected).
inline constexpr std::chrono::seconds kLongestFind{5};
// The rollers found no back when they stood at full reach this long without touching it (the
// smoothed force has caught up with any touch by then)...
inline constexpr std::chrono::milliseconds kAtFullReach{1500};
// ...or looked for it this long in all (reaching out 60 mm at the near-body speed takes 4 s).
inline constexpr std::chrono::seconds kLongestSearch{8};
// How much farther than their reach the rollers go, following a back or looking for it where
// they lost it.
inline constexpr units::Millimetres kBeyondReach{5.0};

class ContactPress {
 public:
  // `reach`: the farthest the rollers reach out looking for the back.
  explicit ContactPress(units::Millimetres reach) : reach_(reach), searching_to_(reach) {}

  // The depth setpoint to press with `target` this cycle, given the measurement, the smoothed
  // contact force and the time since the previous cycle (which the search for the back counts).
  control::DepthSetpoint depth(units::Newtons target, const control::ChairMeasurement& measured,
                               units::Newtons smoothed, std::chrono::nanoseconds dt);

  // The rollers have found the back and press it in force mode.
  [[nodiscard]] bool touching() const { return touching_; }
  // They touch it within their reach: a search from where they are finds it again.
  [[nodiscard]] bool within_reach(const control::ChairMeasurement& measured) const {
    return touching_ && measured.depth <= reach_;
  }
  // The rollers reached as far as they may without finding the back.
  [[nodiscard]] bool out_of_reach(const control::ChairMeasurement& measured) const;
  // The search ended without finding the back: there is none here for the rollers to reach.
  [[nodiscard]] bool no_back() const;
  // The rollers were taken off the back (a pause, a release, a move): look for it again, with a
  // fresh search.
  void lift();

 private:
  units::Millimetres reach_;
  units::Millimetres searching_to_;  // this search's reach
  bool touching_ = false;
  std::chrono::nanoseconds searching_{0};  // looking for the back, since it was last touched
  std::chrono::nanoseconds at_reach_{0};   // standing at full reach without touching it
};

}  // namespace session
