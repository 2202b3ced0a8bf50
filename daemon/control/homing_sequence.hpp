#pragma once

#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "clock/clock.hpp"
#include "daemon/control/roller_carriage.hpp"
#include "daemon/model/chair_measurement.hpp"
#include "daemon/safety/fault.hpp"

// Homing the linear axes, depth first so that the rollers come off the back before anything
// moves along it, then travel and width together. At start-up every axis is homed; after a
// reset only those whose drive lost its reference. Each step has a time limit: an axis that
// does not finish homing in time is a fault.
namespace control {

// The datasheet: homing takes up to 15 s on travel.
inline constexpr std::chrono::seconds kHomingTimeLimit{20};

class HomingSequence {
 public:
  using time_point = hal::Clock::time_point;

  enum class Scope { every_axis, lost_reference };

  HomingSequence(Scope scope, time_point now);

  struct Progress {
    bool done = false;
    std::string doing;  // "homing travel and width"
    std::optional<safety::Fault> failed;
  };

  // One cycle: starts the next step when the last one is done.
  Progress step(RollerCarriage& carriage, const ChairMeasurement& measured, time_point now);

 private:
  struct AxisHoming {
    hal::AxisKind axis;
    bool started = false;  // the drive was seen homing, or without its reference
    bool done = false;
  };

  std::optional<safety::Fault> begin_step(RollerCarriage& carriage,
                                          const ChairMeasurement& measured, time_point now);
  std::optional<safety::Fault> watch(const ChairMeasurement& measured, time_point now);
  [[nodiscard]] std::string doing() const;

  Scope scope_;
  std::size_t step_ = 0;  // index into kSteps
  bool step_begun_ = false;
  time_point step_since_;
  std::vector<AxisHoming> homing_;
};

}  // namespace control
