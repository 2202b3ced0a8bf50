#pragma once

#include <array>
#include <optional>

#include "clock/clock.hpp"
#include "daemon/model/chair_measurement.hpp"
#include "daemon/safety/fault.hpp"
#include "daemon/safety/safety_limits.hpp"
#include "profile/axis_kind.hpp"
#include "units/units.hpp"

// The following-error check: what each axis was last told to do, and whether its status
// contradicts it. A linear axis in a move must stay within the span between where the move
// began and every target it was given since it last settled (plus the configured following
// error), must not run faster than it was allowed, and must move while it is far from its
// target; a rotary axis must turn when told to turn. Homing, pressing and stopping set no
// expectation.
namespace safety {

class MotionExpectations {
 public:
  using time_point = hal::Clock::time_point;

  // A linear axis told to go from where it is (`from`) to `target` at up to `speed`.
  void expect_move(hal::AxisKind axis, units::Millimetres from, units::Millimetres target,
                   units::MillimetresPerSecond speed);
  // A rotary axis told to turn at `speed`.
  void expect_turn(hal::AxisKind axis, units::Rpm speed);
  // No expectation: homing, pressing in force mode, stopping, disabled.
  void expect_nothing(hal::AxisKind axis);
  void clear();

  // The first axis whose status contradicts what it was told, if any.
  std::optional<Fault> check(const control::ChairMeasurement& measured, const SafetyLimits& limits,
                             time_point now);

 private:
  struct Expectation {
    enum class Kind { none, move, turn } kind = Kind::none;
    double low = 0.0;  // mm: the span the move may cover
    double high = 0.0;
    double target = 0.0;  // mm or rpm
    // mm/s: the fastest allowed since the span was opened; rpm: the speed an eccentric was told
    // before it was told to slow, until it is down to the new one.
    double speed = 0.0;
    std::optional<time_point> still_since;    // not moving though far from the target
    std::optional<time_point> slowing_since;  // an eccentric not yet down to a slower speed
  };

  std::optional<Fault> check_move(hal::AxisKind axis, Expectation& e,
                                  const control::AxisSample& sample, const SafetyLimits& limits,
                                  time_point now);
  std::optional<Fault> check_turn(hal::AxisKind axis, Expectation& e,
                                  const control::AxisSample& sample, const SafetyLimits& limits,
                                  time_point now);

  std::array<Expectation, hal::kAllAxisKinds.size()> axes_{};
};

}  // namespace safety
