#pragma once

#include <array>

#include "sim/observer/finding_log.hpp"
#include "sim/observer/observed_world.hpp"
#include "sim/observer/observer_thresholds.hpp"

// How the axes move: not after a quick stop until the drive was reset (QUICK_STOP cleared and
// ENABLE set again, as the datasheet says it must be to move again); a linear axis not before it
// is homed, but for its homing run; no faster than the ceilings while the rollers touch the back;
// the eccentrics never above theirs. A stop in progress (an axis slowing down, the depth axis
// withdrawing) is the safe reaction, never a finding.
namespace sim {

class MotionWatch {
 public:
  void check(const ObservedWorld& world, const UnderRollers& under,
             const ObserverThresholds& limits, FindingLog& log);

 private:
  struct AxisMemory {
    double speed = 0.0;           // |velocity| or |rpm| one step ago
    bool homing = false;          // on its homing run one step ago
    bool awaiting_reset = false;  // quick-stopped, not yet cleared and enabled again
  };

  void check_quick_stop(const AxisTruth& axis, double speed, AxisMemory& memory,
                        const ObservedWorld& world, const UnderRollers& under,
                        const ObserverThresholds& limits, FindingLog& log);
  static void check_speed(const AxisTruth& axis, const ObservedWorld& world,
                          const UnderRollers& under, const ObserverThresholds& limits,
                          FindingLog& log);

  std::array<AxisMemory, hal::kAllAxisKinds.size()> axes_{};
};

}  // namespace sim
