#pragma once

#include "sim/observer/finding_log.hpp"
#include "sim/observer/observed_world.hpp"
#include "sim/observer/observer_thresholds.hpp"

// Where and how hard the rollers meet the back, judged against the body's own anatomy: never on
// the spine, never above the ceiling of the region pressed, no tapping over the kidneys.
namespace sim {

void check_contact(const ObservedWorld& world, const UnderRollers& under,
                   const ObserverThresholds& limits, FindingLog& log);

// The force the roller pair may press `region` with, before the tolerance.
units::Newtons region_ceiling(BackRegion region, const ObserverThresholds& limits);

}  // namespace sim
