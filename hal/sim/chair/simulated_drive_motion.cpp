#include <algorithm>
#include <cmath>

#include "sim/chair/simulated_drive.hpp"
#include "sim/chair/trapezoid.hpp"

// The motion side of a drive: what it asks of its motor each step and what the mechanism does.
namespace sim {
namespace {

using hal::Quantity;

double seconds(std::chrono::nanoseconds dt) { return std::chrono::duration<double>(dt).count(); }

}  // namespace

void SimulatedDrive::step(std::chrono::nanoseconds dt_ns, std::chrono::nanoseconds now) {
  const double dt = seconds(dt_ns);
  const double before = velocity_;
  command_velocity(dt);
  limit_force();
  move(dt);
  const double unit = hal::is_rotary(kind()) ? kDegreesPerSecondPerRpm : 1.0;
  motor_.step(dt,
              MotorDuty{.powered = powered(),
                        .blocked = pushing_,
                        .speed = std::abs(velocity_) / unit,
                        .accel = std::abs(velocity_ - before) / dt / unit,
                        .load_force = kind() == hal::AxisKind::depth ? senses_.load_force : 0.0});
  watch(dt, now);
  try_enable(now);
}

void SimulatedDrive::command_velocity(double dt) {
  if (stop_ != StopPhase::none) {
    command_stop(dt);
  } else if (!enabled_) {
    velocity_ = ramp(velocity_, 0.0, max_accel() * dt);  // unpowered: the brake holds
  } else if (control_.halt) {
    velocity_ = ramp(velocity_, 0.0, accel_limit() * dt);
  } else if (homing_) {
    velocity_ = ramp(velocity_, -mechanics_->homing_speed, mechanics_->default_accel * dt);
  } else {
    command_mode(dt);
  }
}

void SimulatedDrive::command_stop(double dt) {
  const auto& m = *mechanics_;
  if (stop_ == StopPhase::braking) {
    velocity_ = ramp(velocity_, 0.0, stop_decel_ * dt);
    if (velocity_ != 0.0) return;
    const bool retract = m.kind == hal::AxisKind::depth && stop_cause_ != StopCause::disable &&
                         position_ > m.range_min && !blocked_;
    if (!retract) {
      finish_stop();
      return;
    }
    stop_ = StopPhase::retracting;
    return;
  }
  // Retracting the depth axis to its minimum; a blocked axis cannot, and the drive gives up
  // rather than fight the blockage.
  if (blocked_ || position_ <= m.range_min) {
    finish_stop();
    return;
  }
  if (homed_) {
    velocity_ =
        approach_velocity(m.range_min - position_, velocity_, max_speed(), m.default_accel, dt);
  } else {
    velocity_ = ramp(velocity_, -m.homing_speed, m.default_accel * dt);
  }
}

double SimulatedDrive::soft_limit_speed(double wanted, double dt) const {
  // Only a homed linear axis knows where its soft limits are.
  if (hal::is_rotary(kind()) || !homed_) return wanted;
  const double low = codec_.from_counts(held_.get(DriveRegister::soft_min), Quantity::position);
  const double high = codec_.from_counts(held_.get(DriveRegister::soft_max), Quantity::position);
  const double at = reported_position();
  if (wanted > 0.0) {
    return std::min(wanted, braking_speed(std::max(high - at, 0.0), accel_limit(), dt));
  }
  return std::max(wanted, -braking_speed(std::max(at - low, 0.0), accel_limit(), dt));
}

void SimulatedDrive::command_mode(double dt) {
  const double accel = accel_limit();
  const double speed = speed_limit();
  switch (control_.mode) {
    case hal::DriveMode::position:
      if (!hal::is_rotary(kind()) && !homed_) {
        velocity_ = ramp(velocity_, 0.0, accel * dt);  // refuses to move unhomed
      } else {
        velocity_ = approach_velocity(position_error(), velocity_, speed, accel, dt);
      }
      break;
    case hal::DriveMode::velocity: {
      const double wanted = std::clamp(target_velocity_, -speed, speed);
      velocity_ = ramp(velocity_, soft_limit_speed(wanted, dt), accel * dt);
      break;
    }
    case hal::DriveMode::force: {
      const double error = target_force_ - senses_.force_reading;
      const double wanted = std::clamp(kForceGain * error, -speed, speed);
      velocity_ = ramp(velocity_, soft_limit_speed(wanted, dt), accel * dt);
      break;
    }
  }
}

void SimulatedDrive::limit_force() {
  if (kind() != hal::AxisKind::depth) return;
  // Whatever the mode: no advance while the reading is at or above FORCE_LIMIT.
  force_limited_ = senses_.force_reading >= force_limit();
  if (force_limited_ && velocity_ > 0.0) velocity_ = 0.0;
}

void SimulatedDrive::move(double dt) {
  const auto& m = *mechanics_;
  pushing_ = false;
  if (blocked_) {
    velocity_ = 0.0;
    pushing_ = powered();
    return;
  }
  double next = position_ + velocity_ * dt;
  if (hal::is_rotary(m.kind)) {
    next = std::fmod(next, 360.0);
    position_ = next < 0.0 ? next + 360.0 : next;
    return;
  }
  if (next >= m.range_min && next <= m.range_max) {
    position_ = next;
    return;
  }
  // An end stop: the mechanism stops there whatever the drive asked.
  const double impact = std::abs(velocity_);
  const bool expected = homing_ || stop_ == StopPhase::retracting;
  position_ = std::clamp(next, m.range_min, m.range_max);
  velocity_ = 0.0;
  if (homing_ && position_ == m.range_min) {
    homing_ = false;
    homed_ = true;
    encoder_offset_ = 0.0;
    hold_still();
    return;
  }
  pushing_ = powered() && !expected;
  if (!expected && impact > kEndStopImpact) raise_alarm(hal::AlarmKind::end_stop);
}

void SimulatedDrive::watch(double dt, std::chrono::nanoseconds now) {
  const double stall_current =
      codec_.from_counts(held_.get(DriveRegister::stall_current), Quantity::current);
  if (motor_.current() > stall_current) {
    over_current_time_ += dt;
    if (over_current_time_ > kStallSeconds) raise_alarm(hal::AlarmKind::stall);
  } else {
    over_current_time_ = 0.0;
  }
  if (motor_.temperature() > kOverTemperature) raise_alarm(hal::AlarmKind::over_temperature);
  if (kind() == hal::AxisKind::depth && senses_.force_reading > kForceOverload) {
    raise_alarm(hal::AlarmKind::force_overload);
  }
  const auto timeout = std::chrono::duration<double, std::milli>(
      codec_.from_counts(held_.get(DriveRegister::comm_timeout), Quantity::time));
  if (enabled_ && !comm_lost_ && timeout.count() > 0.0 && now - last_sign_of_life_ >= timeout) {
    raise_alarm(hal::AlarmKind::communication_loss);
  }
}

}  // namespace sim
