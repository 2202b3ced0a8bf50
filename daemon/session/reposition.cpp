#include "daemon/session/reposition.hpp"

#include <algorithm>

#include "daemon/safety/compression_hold.hpp"

namespace session {
namespace {

// The depth axis counts as drawn in within this of its minimum.
constexpr units::Millimetres kDrawnIn{2.0};

}  // namespace

units::MillimetresPerSecond near_body_speed(const safety::SafetyLimits& limits) {
  return std::min(kMoveSpeed, limits.travel_speed_near_body);
}

bool at(const RollerPlace& place, const control::ChairMeasurement& measured) {
  return units::abs(measured.travel - place.travel) <= kThereAlongTrack &&
         units::abs(measured.lateral - place.lateral) <= kThereAcross;
}

bool off_the_back(const control::ChairMeasurement& measured,
                  const safety::Calibration& calibration) {
  return measured.force < safety::kTouchForce && measured.depth <= calibration.depth.min + kDrawnIn;
}

RollerAim reposition(const RollerPlace& place, const control::ChairMeasurement& measured,
                     const safety::Calibration& calibration, const safety::SafetyLimits& limits) {
  RollerAim aim;
  aim.depth = control::DepthRetracted{};
  if (!off_the_back(measured, calibration)) {
    // Stay put until the rollers are off the back; the spacing may wait as well.
    aim.travel = measured.travel;
    aim.speed = near_body_speed(limits);
    aim.lateral = measured.lateral;
    return aim;
  }
  aim.travel = place.travel;
  aim.speed = kMoveSpeed;
  aim.lateral = place.lateral;
  return aim;
}

}  // namespace session
