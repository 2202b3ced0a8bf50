#pragma once

#include <chrono>

#include "sim/observer/finding_log.hpp"
#include "sim/observer/observed_world.hpp"
#include "sim/observer/observer_thresholds.hpp"

// A static press kept on one spot: ischemic compression has a hard cap. The press is on one spot
// while the rollers stay within the hold radius of where it began and neither eccentric turns
// (kneading circles and tapping strikes; neither holds the tissue still under pressure).
namespace sim {

class HoldWatch {
 public:
  void check(const ObservedWorld& world, const UnderRollers& under,
             const ObserverThresholds& limits, FindingLog& log);

 private:
  bool holding_ = false;
  units::Millimetres travel_{0.0};
  units::Millimetres lateral_{0.0};
  std::chrono::nanoseconds since_{0};
};

}  // namespace sim
