#include "modbus/drive_channel.hpp"

#include <cmath>
#include <cstdio>

namespace hal {
namespace {

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

struct UnitNames {
  const char* position;
  const char* velocity;
  const char* acceleration;
};

UnitNames unit_names(AxisKind kind) {
  if (is_rotary(kind)) return {"°", "rpm", "rpm/s"};
  return {"mm", "mm/s", "mm/s²"};
}

std::int64_t lowest(const RegisterSpec& spec) {
  return spec.is_signed ? -(std::int64_t{1} << (16 * spec.words - 1)) : 0;
}
std::int64_t highest(const RegisterSpec& spec) {
  return spec.is_signed ? (std::int64_t{1} << (16 * spec.words - 1)) - 1
                        : (std::int64_t{1} << (16 * spec.words)) - 1;
}

// Converts an engineering value to register counts, or says why it cannot go to the drive.
result::Expected<std::int64_t, std::string> to_register(const DriveCodec& codec, double value,
                                                        Quantity quantity, const RegisterSpec& spec,
                                                        std::string_view what,
                                                        std::string_view unit) {
  if (!std::isfinite(value)) {
    return result::unexpected(std::string(what) + " is not a number");
  }
  const auto counts = codec.to_counts(value, quantity);
  if (!fits(spec, counts)) {
    return result::unexpected(
        std::string(what) + " " + number(value) + " " + std::string(unit) +
        " does not fit its register (" + number(codec.from_counts(lowest(spec), quantity)) + ".." +
        number(codec.from_counts(highest(spec), quantity)) + " " + std::string(unit) + ")");
  }
  return counts;
}

// A limit of 0 means "the drive's default" to the drive, so a limit must be at least one count.
result::Expected<std::int64_t, std::string> to_limit(const DriveCodec& codec, double value,
                                                     Quantity quantity, const RegisterSpec& spec,
                                                     std::string_view what, std::string_view unit) {
  auto counts = to_register(codec, value, quantity, spec, what, unit);
  if (counts && *counts < 1) {
    return result::unexpected(std::string(what) + " " + number(value) + " " + std::string(unit) +
                              " must be at least " + number(codec.scale(quantity)) + " " +
                              std::string(unit) + " (the drive reads 0 as its own default)");
  }
  return counts;
}

}  // namespace

DriveChannel::DriveChannel(std::string bus, const ActuatorProfile& profile, AxisWiring wiring,
                           const Clock& clock, BusWakeup& wakeup)
    : bus_(std::move(bus)),
      profile_(&profile),
      wiring_(wiring),
      codec_(profile, wiring.kind),
      clock_(&clock),
      wakeup_(&wakeup),
      command_(wiring.kind) {}

AxisState DriveChannel::state() const {
  const std::lock_guard lock(mutex_);
  return state_;
}

std::optional<DriveIdentity> DriveChannel::identity() const {
  const std::lock_guard lock(mutex_);
  return identity_;
}

std::optional<DriveReading> DriveChannel::reading() const {
  const std::lock_guard lock(mutex_);
  return reading_;
}

DriveError DriveChannel::error(DriveErrorKind kind, std::string doing, std::string detail) const {
  DriveError e;
  e.kind = kind;
  e.bus = bus_;
  e.unit = wiring_.unit_id;
  e.axis = wiring_.kind;
  e.doing = std::move(doing);
  e.detail = std::move(detail);
  return e;
}

DriveError DriveChannel::error(const LinkFault& fault, std::string doing) const {
  auto e = error(fault.kind, std::move(doing), fault.detail);
  e.exception_code = fault.exception_code;
  return e;
}

DriveChannel::Done DriveChannel::refuse(std::string detail) const {
  return result::unexpected(error(DriveErrorKind::refused, "", std::move(detail)));
}

std::optional<DriveError> DriveChannel::refuse_unless_active(std::string_view command) const {
  if (state_ == AxisState::active) return std::nullopt;
  return error(DriveErrorKind::refused, "",
               std::string(command) + ": the axis is " + std::string(to_string(state_)) +
                   ", not active; activate it before commanding it");
}

std::optional<DriveError> DriveChannel::refuse_unless_ready_to_move(
    std::string_view command) const {
  if (auto refusal = refuse_unless_active(command)) return refusal;
  if (command_.quick_stop_latched()) {
    return error(DriveErrorKind::refused, "",
                 std::string(command) + ": a quick stop is latched; enable the axis to clear it");
  }
  if (!command_.enabled()) {
    return error(DriveErrorKind::refused, "",
                 std::string(command) + ": the axis is not enabled; enable (or home) it first");
  }
  if (command_.homing()) {
    return error(DriveErrorKind::refused, "",
                 std::string(command) + ": the axis is homing; wait until it reports HOMED");
  }
  return std::nullopt;
}

std::int64_t DriveChannel::measured_position() const {
  return reading_ ? reading_->position_counts : 0;
}

DriveChannel::Done DriveChannel::enable() {
  const std::lock_guard lock(mutex_);
  if (auto refusal = refuse_unless_active("enable")) return result::unexpected(*refusal);
  if (!reading_) return refuse("enable: no status has been read from the drive yet");
  if (command_.homing()) return refuse("enable: the axis is homing; wait until it reports HOMED");
  command_.enable(measured_position());
  restarted_.reset();
  return {};
}

DriveChannel::Done DriveChannel::disable() {
  const std::lock_guard lock(mutex_);
  if (auto refusal = refuse_unless_active("disable")) return result::unexpected(*refusal);
  command_.disable(measured_position());
  return {};
}

DriveChannel::Done DriveChannel::home() {
  const std::lock_guard lock(mutex_);
  if (auto refusal = refuse_unless_active("home")) return result::unexpected(*refusal);
  if (is_rotary(kind())) {
    return refuse("home: a " + std::string(to_string(kind())) +
                  " axis turns freely and needs no homing; enable it instead");
  }
  command_.home();
  restarted_.reset();
  return {};
}

DriveChannel::Done DriveChannel::move_to(double position, double speed, double acceleration) {
  const std::lock_guard lock(mutex_);
  const auto units = unit_names(kind());
  const std::string command = "move to " + number(position) + " " + units.position;
  if (auto refusal = refuse_unless_ready_to_move(command)) return result::unexpected(*refusal);
  const auto& regs = profile_->command;
  const auto target =
      to_register(codec_, position, Quantity::position, regs.setpoint, "target", units.position);
  if (!target) return refuse(command + ": " + target.error());
  if (is_rotary(kind())) {
    if (position < 0.0 || position >= 360.0) {
      return refuse(command + ": a phase must lie in 0..360 °");
    }
  } else if (identity_ && identity_->range_max > 0 &&
             (*target < 0 || *target > identity_->range_max)) {
    return refuse(command + ": the target is outside the axis's range 0.." +
                  number(codec_.from_counts(identity_->range_max, Quantity::position)) +
                  " mm (the drive's RANGE_MAX)");
  }
  const auto speed_limit =
      to_limit(codec_, speed, Quantity::velocity, regs.velocity_limit, "speed", units.velocity);
  if (!speed_limit) return refuse(command + ": " + speed_limit.error());
  const auto accel_limit = to_limit(codec_, acceleration, Quantity::acceleration, regs.accel_limit,
                                    "acceleration", units.acceleration);
  if (!accel_limit) return refuse(command + ": " + accel_limit.error());
  command_.move_to(*target, *speed_limit, *accel_limit);
  return {};
}

DriveChannel::Done DriveChannel::run_at(double velocity, double acceleration) {
  const std::lock_guard lock(mutex_);
  const auto units = unit_names(kind());
  const std::string command = "run at " + number(velocity) + " " + units.velocity;
  if (auto refusal = refuse_unless_ready_to_move(command)) return result::unexpected(*refusal);
  const auto& regs = profile_->command;
  const auto target =
      to_register(codec_, velocity, Quantity::velocity, regs.setpoint, "velocity", units.velocity);
  if (!target) return refuse(command + ": " + target.error());
  if (is_rotary(kind()) && identity_ && identity_->range_max > 0 &&
      std::llabs(*target) > identity_->range_max) {
    return refuse(command + ": faster than the drive's top speed of " +
                  number(codec_.from_counts(identity_->range_max, Quantity::velocity)) +
                  " rpm (RANGE_MAX)");
  }
  const auto accel_limit = to_limit(codec_, acceleration, Quantity::acceleration, regs.accel_limit,
                                    "acceleration", units.acceleration);
  if (!accel_limit) return refuse(command + ": " + accel_limit.error());
  command_.run_at(*target, *accel_limit);
  return {};
}

DriveChannel::Done DriveChannel::press_with(double force) {
  const std::lock_guard lock(mutex_);
  const std::string command = "press with " + number(force) + " N";
  if (kind() != AxisKind::depth) {
    return refuse(command + ": force control exists on the depth axis only");
  }
  if (auto refusal = refuse_unless_ready_to_move(command)) return result::unexpected(*refusal);
  if (force < 0.0) return refuse(command + ": a contact force cannot be negative");
  const auto target =
      to_register(codec_, force, Quantity::force, profile_->command.setpoint, "force", "N");
  if (!target) return refuse(command + ": " + target.error());
  command_.press_with(*target);
  return {};
}

DriveChannel::Done DriveChannel::limit_force(double force) {
  const std::lock_guard lock(mutex_);
  const std::string command = "limit force to " + number(force) + " N";
  if (kind() != AxisKind::depth) {
    return refuse(command + ": a force limit exists on the depth axis only");
  }
  if (auto refusal = refuse_unless_active(command)) return result::unexpected(*refusal);
  const auto limit =
      to_limit(codec_, force, Quantity::force, profile_->command.force_limit, "force limit", "N");
  if (!limit) return refuse(command + ": " + limit.error());
  command_.limit_force(*limit);
  return {};
}

DriveChannel::Done DriveChannel::halt() {
  const std::lock_guard lock(mutex_);
  if (auto refusal = refuse_unless_active("halt")) return result::unexpected(*refusal);
  command_.halt();
  return {};
}

DriveChannel::Done DriveChannel::reset_fault() {
  const std::lock_guard lock(mutex_);
  if (auto refusal = refuse_unless_active("reset fault")) return result::unexpected(*refusal);
  command_.reset_fault();
  return {};
}

void DriveChannel::quick_stop() {
  mark_for_stop();
  wakeup_->request_stop(false);
}

void DriveChannel::latch_quick_stop() {
  const std::lock_guard lock(mutex_);
  command_.latch_quick_stop();
}

CycleFrame DriveChannel::next_frame() {
  const std::lock_guard lock(mutex_);
  return command_.next_frame();
}

LimitFrame DriveChannel::pending_limits() const {
  const std::lock_guard lock(mutex_);
  return command_.pending_limits();
}

void DriveChannel::limits_delivered(const LimitFrame& limits) {
  const std::lock_guard lock(mutex_);
  command_.limits_delivered(limits);
}

void DriveChannel::limits_refused(const LimitFrame& limits) {
  const std::lock_guard lock(mutex_);
  command_.limits_refused(limits);
}

std::array<std::optional<std::int64_t>, 3> DriveChannel::limits_on_drive() const {
  const std::lock_guard lock(mutex_);
  return command_.limits_on_drive();
}

DriveError DriveChannel::restart_detected(std::string why) {
  const std::lock_guard lock(mutex_);
  restarted_ = std::move(why);
  command_.drive_dropped_out(measured_position());
  command_.forget_drive();
  return error(DriveErrorKind::drive_restarted, "", *restarted_);
}

void DriveChannel::delivered(const CycleFrame& frame) {
  const std::lock_guard lock(mutex_);
  command_.delivered(frame);
}

void DriveChannel::refused(const CycleFrame& frame) {
  const std::lock_guard lock(mutex_);
  command_.refused(frame, measured_position());
}

std::optional<DriveError> DriveChannel::absorb(const RegisterImage& status) {
  DriveReading now;
  now.values = codec_.decode_status(status);
  now.position_counts = status.get(profile_->status.position);
  now.read_at = clock_->now();
  const auto& flags = now.values.flags;
  if (now.values.alarm != 0) {
    now.alarm = describe_alarm(*profile_, now.values.alarm);
  } else if (flags.fault) {
    now.alarm = DriveAlarm{0, "FAULT set with no alarm code", AlarmKind::other};
  }

  const std::lock_guard lock(mutex_);
  const auto previous = std::exchange(reading_, now);
  if (now.alarm) {
    // The drive has halted and dropped ENABLE by itself; a fault reset must not bring back the
    // old target.
    if (state_ == AxisState::active) command_.drive_dropped_out(now.position_counts);
    auto e = error(DriveErrorKind::drive_alarm, "",
                   "the drive stopped the axis and dropped ENABLE (ALARM " +
                       std::to_string(now.values.alarm) + ")");
    e.alarm = now.alarm;
    return e;
  }
  if (state_ == AxisState::active) {
    command_.observe_homing(flags.homing, flags.homed, now.position_counts);
  }
  if (state_ == AxisState::active && previous) {
    const auto& before = previous->values.flags;
    const bool homing = flags.homing || before.homing || command_.homing();
    const bool lost_reference = before.homed && !flags.homed && !homing;
    const bool lost_enable =
        before.enabled && !flags.enabled && command_.enabled() && !command_.quick_stop_latched();
    if (lost_reference) {
      restarted_ =
          "HOMED went from 1 to 0 without homing: the drive lost its reference, as after a "
          "power cycle";
    } else if (lost_enable) {
      restarted_ =
          "ENABLED went from 1 to 0 though the drive was neither disabled nor faulted, as after "
          "a power cycle";
    }
    if (lost_reference || lost_enable) {
      command_.drive_dropped_out(now.position_counts);
      command_.forget_drive();
    }
  }
  if (restarted_) return error(DriveErrorKind::drive_restarted, "", *restarted_);
  return std::nullopt;
}

void DriveChannel::connected(const DriveIdentity& identity) {
  const std::lock_guard lock(mutex_);
  identity_ = identity;
  if (state_ == AxisState::unconfigured) state_ = AxisState::connected;
}

void DriveChannel::activated(const std::array<std::optional<std::int64_t>, 3>& limits_on_drive) {
  const std::lock_guard lock(mutex_);
  command_.forget_drive();
  command_.learn_limits(limits_on_drive);
  // Start from where the drive is, unpowered: the controller enables or homes it explicitly.
  command_.disable(measured_position());
  restarted_.reset();
  state_ = AxisState::active;
}

void DriveChannel::deactivated() {
  const std::lock_guard lock(mutex_);
  if (state_ == AxisState::active) state_ = AxisState::connected;
}

void DriveChannel::unconfigured() {
  const std::lock_guard lock(mutex_);
  state_ = AxisState::unconfigured;
  identity_.reset();
}

void DriveChannel::forget_drive() {
  const std::lock_guard lock(mutex_);
  command_.forget_drive();
}

}  // namespace hal
