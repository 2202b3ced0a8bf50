#include "sim/observer/hold_watch.hpp"

#include <cmath>

namespace sim {

void HoldWatch::check(const ObservedWorld& world, const UnderRollers& under,
                      const ObserverThresholds& limits, FindingLog& log) {
  const bool eccentric_turning =
      std::abs(world.axis(hal::AxisKind::knead).speed.value()) >= limits.turning.value() ||
      std::abs(world.axis(hal::AxisKind::tap).speed.value()) >= limits.turning.value();
  if (world.contact < limits.hold_press || eccentric_turning) {
    holding_ = false;
    return;
  }
  const double along = (world.travel() - travel_).value();
  const double across = (world.lateral() - lateral_).value();
  if (!holding_ || std::hypot(along, across) > limits.hold_radius.value()) {
    holding_ = true;
    travel_ = world.travel();
    lateral_ = world.lateral();
    since_ = world.now;
    return;
  }
  const auto held = world.now - since_;
  if (held > limits.hold_longest) {
    log.flag(ObserverRule::hold_too_long, std::nullopt, world, under,
             std::chrono::duration<double>(held).count(),
             std::chrono::duration<double>(limits.hold_longest).count(), "s");
  }
}

}  // namespace sim
