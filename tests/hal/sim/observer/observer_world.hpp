#pragma once

#include <chrono>

#include "sim/chair/body_config.hpp"
#include "sim/observer/observed_world.hpp"
#include "sim/observer/safety_observer.hpp"

// Crafted moments of the simulated world for the safety observer's tests: a medium body (the top
// of the shoulders at 440 mm on the track, the seat at 1000 mm), every axis homed and enabled,
// standing still, until a test says otherwise.
namespace sim::testing {

class ObserverWorld {
 public:
  ObserverWorld() {
    world_.body = &body_;
    for (const auto kind : hal::kAllAxisKinds) {
      auto& axis = world_.axes[static_cast<std::size_t>(kind)];
      axis.kind = kind;
      axis.homed = !hal::is_rotary(kind);
      axis.enabled = true;
    }
    place(600.0, 70.0, 20.0);
  }

  BodyConfig& body() { return body_; }
  ObservedWorld& world() { return world_; }
  AxisTruth& axis(hal::AxisKind kind) { return world_.axes[static_cast<std::size_t>(kind)]; }

  // The rollers at `travel` on the track, `width` apart, protruding `depth`.
  void place(double travel, double width, double depth) {
    axis(hal::AxisKind::travel).position = units::Millimetres(travel);
    axis(hal::AxisKind::width).position = units::Millimetres(width);
    axis(hal::AxisKind::depth).position = units::Millimetres(depth);
  }
  void press(double newtons) { world_.contact = units::Newtons(newtons); }

  // One more millisecond of this world, shown to the observer.
  void step(SafetyObserver& observer) {
    world_.now += std::chrono::milliseconds(1);
    observer.observe(world_);
  }
  void hold_for(SafetyObserver& observer, std::chrono::milliseconds duration) {
    for (auto t = std::chrono::milliseconds(0); t < duration; t += std::chrono::milliseconds(1)) {
      step(observer);
    }
  }

  // A body scan as the hardware shows it: the carriage climbs from low on the back past the top
  // of the shoulders at 15 mm/s, the rollers pressing 6 N while they touch it.
  void scan(SafetyObserver& observer) {
    axis(hal::AxisKind::travel).velocity = units::MillimetresPerSecond(-15.0);
    for (double travel = 950.0; travel > 400.0; travel -= 0.015) {
      place(travel, 70.0, 20.0);
      press(travel >= body_.shoulder_travel.value() ? 6.0 : 0.0);
      step(observer);
    }
    axis(hal::AxisKind::travel).velocity = units::MillimetresPerSecond(0.0);
    press(0.0);
  }

 private:
  BodyConfig body_ = body_of_size(BodySize::medium);
  ObservedWorld world_;
};

}  // namespace sim::testing
