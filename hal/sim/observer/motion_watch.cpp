#include "sim/observer/motion_watch.hpp"

#include <cmath>

namespace sim {
namespace {

double axis_speed(const AxisTruth& axis) {
  return hal::is_rotary(axis.kind) ? std::abs(axis.speed.value()) : std::abs(axis.velocity.value());
}

std::string_view unit_text(const AxisTruth& axis) {
  return hal::is_rotary(axis.kind) ? "rpm" : "mm/s";
}

// Slowing down by less than this per step is holding speed, not braking (mm/s or rpm).
constexpr double kSpeedSlack = 1e-6;

bool slowing_down(double speed, double before) { return speed < before - kSpeedSlack; }

// An axis stopping slows down every step, but for the step its stop began: a drive sees the cause
// of a stop (an alarm, a command, its watchdog) after that step's motion, so that step's speed is
// still what the drive was commanded before, speeding up included (a force loop pressing, a
// ramp). That motion is judged by the other rules (speed near the body, force), not as motion
// after the stop.
bool is_stopping(double speed, double before, bool stop_began) {
  return stop_began || slowing_down(speed, before);
}

}  // namespace

void MotionWatch::check_quick_stop(const AxisTruth& axis, double speed, AxisMemory& memory,
                                   const ObservedWorld& world, const UnderRollers& under,
                                   const ObserverThresholds& limits, FindingLog& log) {
  const bool began = axis.quick_stop != QuickStopState::inactive && !memory.awaiting_reset;
  if (axis.quick_stop != QuickStopState::inactive) memory.awaiting_reset = true;
  if (axis.quick_stop == QuickStopState::inactive && axis.enabled) memory.awaiting_reset = false;
  if (!memory.awaiting_reset || speed <= limits.standstill) return;
  bool slowing = false;
  switch (axis.quick_stop) {
    case QuickStopState::braking:
      slowing = is_stopping(speed, memory.speed, began);
      break;
    case QuickStopState::retracting:
      slowing = axis.kind == hal::AxisKind::depth && axis.velocity.value() < 0.0;
      break;
    case QuickStopState::stopped:
    case QuickStopState::inactive:
      slowing = false;
      break;
  }
  if (!slowing) {
    log.flag(ObserverRule::moving_after_quick_stop, axis.kind, world, under, speed, 0.0,
             unit_text(axis));
  }
}

void MotionWatch::check_speed(const AxisTruth& axis, const ObservedWorld& world,
                              const UnderRollers& under, const ObserverThresholds& limits,
                              FindingLog& log) {
  double speed = 0.0;
  double ceiling = 0.0;
  switch (axis.kind) {
    case hal::AxisKind::travel:
      speed = under.touching ? std::abs(axis.velocity.value()) : 0.0;
      ceiling = limits.travel_near_body.value();
      break;
    case hal::AxisKind::width:
      speed = under.touching ? std::abs(axis.velocity.value()) : 0.0;
      ceiling = limits.width_near_body.value();
      break;
    case hal::AxisKind::depth:  // toward the back only: withdrawing is never a hazard
      speed = under.touching ? axis.velocity.value() : 0.0;
      ceiling = limits.depth_near_body.value();
      break;
    case hal::AxisKind::knead:
      speed = std::abs(axis.speed.value());
      ceiling = limits.knead_speed.value();
      break;
    case hal::AxisKind::tap:
      speed = std::abs(axis.speed.value());
      ceiling = limits.tap_speed.value();
      break;
  }
  ceiling *= 1.0 + limits.speed_tolerance;
  if (speed > ceiling) {
    log.flag(hal::is_rotary(axis.kind) ? ObserverRule::eccentric_too_fast
                                       : ObserverRule::too_fast_near_body,
             axis.kind, world, under, speed, ceiling, unit_text(axis));
  }
}

void MotionWatch::check(const ObservedWorld& world, const UnderRollers& under,
                        const ObserverThresholds& limits, FindingLog& log) {
  for (std::size_t i = 0; i < world.axes.size(); ++i) {
    const auto& axis = world.axes[i];
    auto& memory = axes_[i];
    const double speed = axis_speed(axis);
    check_quick_stop(axis, speed, memory, world, under, limits, log);
    // Rotary axes need no homing (datasheet); a linear one moves unhomed only on its homing run,
    // while it slows to a stop (a fault or a quick stop during homing), or, for depth, withdrawing
    // from the back: the datasheet's own retraction on a fault or a quick stop, which a drive
    // that lost its reference in a power cycle makes too.
    const bool withdrawing = axis.kind == hal::AxisKind::depth && axis.velocity.value() < 0.0;
    if (!hal::is_rotary(axis.kind) && !axis.homed && !axis.homing && !withdrawing &&
        speed > limits.standstill && !is_stopping(speed, memory.speed, memory.homing)) {
      log.flag(ObserverRule::moving_unhomed, axis.kind, world, under, speed, 0.0, unit_text(axis));
    }
    check_speed(axis, world, under, limits, log);
    memory.speed = speed;
    memory.homing = axis.homing;
  }
}

}  // namespace sim
