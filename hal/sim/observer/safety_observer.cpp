#include "sim/observer/safety_observer.hpp"

#include <cmath>

#include "sim/observer/contact_rules.hpp"

namespace sim {

SafetyObserver::SafetyObserver(ObserverThresholds limits, std::size_t capacity)
    : limits_(limits), log_(capacity) {}

void SafetyObserver::seat() { scan_.seat(); }

void SafetyObserver::observe(const ObservedWorld& world) {
  const bool tapping =
      std::abs(world.axis(hal::AxisKind::tap).speed.value()) >= limits_.turning.value();
  const auto under = under_rollers(world, limits_.touch, tapping);
  check_contact(world, under, limits_, log_);
  hold_.check(world, under, limits_, log_);
  scan_.check(world, under, limits_, log_);
  motion_.check(world, under, limits_, log_);
  log_.end_step();
}

}  // namespace sim
