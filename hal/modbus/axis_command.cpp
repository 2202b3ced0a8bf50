#include "modbus/axis_command.hpp"

namespace hal {

void AxisCommand::hold_still(std::int64_t measured_position) {
  halt_ = false;
  holding_ = true;
  if (is_rotary(kind_) || zero_speed_holds_) {
    mode_ = DriveMode::velocity;
    setpoint_ = 0;
  } else {
    mode_ = DriveMode::position;
    setpoint_ = measured_position;
  }
}

void AxisCommand::enable(std::int64_t measured_position) {
  hold_still(measured_position);
  quick_stop_ = false;
  enable_ = true;
}

void AxisCommand::disable(std::int64_t measured_position) {
  hold_still(measured_position);
  home_.cancel();
  homing_ = false;
  enable_ = false;
}

void AxisCommand::home() {
  clear_for_motion();
  enable_ = true;
  mode_ = DriveMode::velocity;
  setpoint_ = 0;
  homing_ = true;
  seen_homing_ = false;
  home_.request();
}

void AxisCommand::observe_homing(bool drive_homing, bool drive_homed,
                                 std::int64_t measured_position) {
  if (!homing_ || home_.pending()) return;
  // Homing shows as HOMING, or at least as HOMED cleared, once the drive has taken the edge.
  if (drive_homing || !drive_homed) {
    seen_homing_ = true;
    return;
  }
  if (seen_homing_ && drive_homed) {
    homing_ = false;
    zero_speed_holds_ = false;  // a new reference: a position where it stands is valid again
    hold_still(measured_position);
  }
}

void AxisCommand::clear_for_motion() {
  halt_ = false;
  homing_ = false;
  holding_ = false;
}

void AxisCommand::move_to(std::int64_t position, std::int64_t speed_limit,
                          std::int64_t accel_limit) {
  clear_for_motion();
  mode_ = DriveMode::position;
  setpoint_ = position;
  slot(Limit::velocity).wanted = speed_limit;
  slot(Limit::acceleration).wanted = accel_limit;
}

void AxisCommand::run_at(std::int64_t velocity, std::int64_t accel_limit) {
  clear_for_motion();
  mode_ = DriveMode::velocity;
  setpoint_ = velocity;
  slot(Limit::acceleration).wanted = accel_limit;
}

void AxisCommand::press_with(std::int64_t force) {
  clear_for_motion();
  mode_ = DriveMode::force;
  setpoint_ = force;
}

void AxisCommand::limit_force(std::int64_t force) { slot(Limit::force).wanted = force; }

void AxisCommand::drive_dropped_out(std::int64_t measured_position) { disable(measured_position); }

void AxisCommand::forget_drive() {
  for (auto& l : limits_) l.on_drive.reset();
  home_.forget_drive();
  fault_reset_.forget_drive();
}

void AxisCommand::learn_limits(const std::array<std::optional<std::int64_t>, 3>& on_drive) {
  for (std::size_t i = 0; i < limits_.size(); ++i) limits_[i].on_drive = on_drive[i];
}

CycleFrame AxisCommand::next_frame() {
  CycleFrame frame;
  frame.home = home_.next();
  frame.fault_reset = fault_reset_.next();
  frame.control.enable = enable_;
  frame.control.halt = halt_;
  frame.control.quick_stop = quick_stop_;
  frame.control.home = frame.home.bit;
  frame.control.fault_reset = frame.fault_reset.bit;
  frame.control.mode = mode_;
  frame.setpoint = setpoint_;
  frame.heartbeat = ++heartbeat_;
  return frame;
}

void AxisCommand::delivered(const CycleFrame& frame) {
  home_.delivered(frame.home);
  fault_reset_.delivered(frame.fault_reset);
  // The drive takes positions again (a move the controller asked for went through).
  if (frame.control.mode == DriveMode::position && !is_rotary(kind_)) zero_speed_holds_ = false;
}

void AxisCommand::refused(const CycleFrame& frame, std::int64_t measured_position) {
  // The edges were not applied either; they stay pending and go out again.
  if (holding_ && frame.control.mode == DriveMode::position && !is_rotary(kind_)) {
    zero_speed_holds_ = true;
  }
  hold_still(measured_position);
}

LimitFrame AxisCommand::pending_limits() const {
  LimitFrame frame;
  for (std::size_t i = 0; i < limits_.size(); ++i) {
    const auto& l = limits_[i];
    frame.changed[i] = l.wanted.has_value() && l.wanted != l.on_drive;
    frame.values[i] = frame.changed[i] ? l.wanted : l.on_drive;
  }
  return frame;
}

void AxisCommand::limits_delivered(const LimitFrame& limits) {
  for (std::size_t i = 0; i < limits_.size(); ++i) {
    if (limits.changed[i]) limits_[i].on_drive = limits.values[i];
  }
}

std::array<std::optional<std::int64_t>, 3> AxisCommand::limits_on_drive() const {
  return {limits_[0].on_drive, limits_[1].on_drive, limits_[2].on_drive};
}

void AxisCommand::limits_refused(const LimitFrame& limits) {
  for (std::size_t i = 0; i < limits_.size(); ++i) {
    if (limits.changed[i] && limits_[i].wanted == limits.values[i]) {
      limits_[i].wanted = limits_[i].on_drive;
    }
  }
}

}  // namespace hal
