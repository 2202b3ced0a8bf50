#include "sim/chair/simulated_drive.hpp"

#include <algorithm>
#include <cmath>

#include "sim/chair/register_ranges.hpp"

// The register side of a drive and its state machine; the motion of each step is in
// simulated_drive_motion.cpp.
namespace sim {
namespace {

using hal::Quantity;

// The register's span: a value that does not fit reads as the nearest end, as firmware
// saturates rather than wraps.
std::int64_t saturate(const hal::RegisterSpec& spec, std::int64_t counts) {
  const int bits = 16 * spec.words;
  const std::int64_t lo = spec.is_signed ? -(std::int64_t{1} << (bits - 1)) : 0;
  const std::int64_t hi =
      spec.is_signed ? (std::int64_t{1} << (bits - 1)) - 1 : (std::int64_t{1} << bits) - 1;
  return std::clamp(counts, lo, hi);
}

std::uint16_t bit(unsigned n, bool on) { return on ? static_cast<std::uint16_t>(1U << n) : 0; }

}  // namespace

SimulatedDrive::SimulatedDrive(const hal::ActuatorProfile& profile, const RegisterMap& map,
                               hal::AxisKind kind, DriveIdentity identity, double position,
                               double ambient_celsius)
    : codec_(profile, kind),
      map_(&map),
      mechanics_(&mechanics_of(kind)),
      identity_(identity),
      held_(codec_, *mechanics_),
      motor_(*mechanics_, ambient_celsius),
      position_(position) {
  reboot(std::chrono::nanoseconds{0});
}

// ---- registers ----

std::int64_t SimulatedDrive::identity_counts(DriveRegister id) const {
  const auto& p = codec_.profile();
  const auto& m = *mechanics_;
  const bool rotary = hal::is_rotary(m.kind);
  const bool depth = m.kind == hal::AxisKind::depth;
  switch (id) {
    case DriveRegister::map_id:
      return p.map_id;
    case DriveRegister::map_version:
      return p.map_version;
    case DriveRegister::axis_kind:
      return p.axis_kind_codes.at(m.kind);
    case DriveRegister::capabilities: {
      const auto& b = p.capability_bits;
      return bit(b.position_mode, true) | bit(b.velocity_mode, true) | bit(b.force_mode, depth) |
             bit(b.force_sensor, depth) | bit(b.homing, !rotary);
    }
    case DriveRegister::firmware:
      return identity_.firmware;
    case DriveRegister::serial:
      return identity_.serial;
    case DriveRegister::range_max:
      return rotary ? codec_.to_counts(m.max_speed, Quantity::velocity)
                    : codec_.to_counts(m.range_max, Quantity::position);
    default:
      return 0;
  }
}

hal::DriveStatusValues SimulatedDrive::status_values() const {
  const bool rotary = hal::is_rotary(kind());
  const auto& m = *mechanics_;
  hal::DriveStatusValues s;
  s.flags.ready = !fault_;
  s.flags.enabled = enabled_;
  s.flags.moving = std::abs(velocity_) > 0.01;
  s.flags.target_reached = target_reached();
  s.flags.homed = homed_;
  s.flags.fault = fault_;
  s.flags.force_limited = force_limited_;
  s.flags.homing = homing_;
  // Rotary axes have no end stops.
  s.flags.at_min = !rotary && position_ <= m.range_min + 0.05;
  s.flags.at_max = !rotary && position_ >= m.range_max - 0.05;
  s.flags.comm_lost = comm_lost_;
  s.position = reported_position();
  if (rotary && codec_.to_counts(s.position, Quantity::position) >=
                    codec_.to_counts(360.0, Quantity::position)) {
    s.position = 0.0;  // 359.97° rounds to a full turn, which the register shows as 0
  }
  s.velocity = rotary ? velocity_ / kDegreesPerSecondPerRpm : velocity_;
  s.force = kind() == hal::AxisKind::depth ? senses_.force_reading : 0.0;
  s.current = motor_.current();
  s.alarm = alarm_code_;
  s.heartbeat_echo = static_cast<std::uint16_t>(held_.get(DriveRegister::heartbeat));
  s.temperature = motor_.temperature();
  return s;
}

std::optional<ModbusException> SimulatedDrive::check_read(std::uint16_t address,
                                                          std::uint16_t count) const {
  if (count == 0) return ModbusException::illegal_data_value;
  if (std::uint32_t{address} + count > 0x10000U) return ModbusException::illegal_data_address;
  for (std::uint32_t a = address; a < std::uint32_t{address} + count; ++a) {
    if (map_->at(static_cast<std::uint16_t>(a)) == nullptr) {
      return ModbusException::illegal_data_address;
    }
  }
  return std::nullopt;
}

std::optional<ModbusException> SimulatedDrive::read(std::uint16_t address, std::uint16_t count,
                                                    std::vector<std::uint16_t>& out) const {
  if (auto refused = check_read(address, count)) return refused;
  const auto order = codec_.profile().word_order;
  const auto status = codec_.encode_status(status_values());
  out.clear();
  out.reserve(count);
  for (std::uint32_t a = address; a < std::uint32_t{address} + count; ++a) {
    const auto& r = *map_->at(static_cast<std::uint16_t>(a));
    if (status.range().contains(r.spec)) {
      out.push_back(status.words()[a - status.range().start]);
      continue;
    }
    const auto counts = HeldRegisters::holds(r.id) ? held_.get(r.id) : identity_counts(r.id);
    hal::RegisterImage image({r.spec.address, r.spec.words}, order);
    image.set(r.spec, saturate(r.spec, counts));
    out.push_back(image.words()[a - r.spec.address]);
  }
  return std::nullopt;
}

std::optional<ModbusException> SimulatedDrive::write(std::uint16_t address,
                                                     std::span<const std::uint16_t> words,
                                                     std::chrono::nanoseconds now) {
  if (words.empty()) return ModbusException::illegal_data_value;
  if (std::uint32_t{address} + words.size() > 0x10000U) {
    return ModbusException::illegal_data_address;
  }
  HeldRegisters candidate = held_;
  std::vector<DriveRegister> written;
  for (std::size_t i = 0; i < words.size();) {
    const auto a = static_cast<std::uint16_t>(address + i);
    const auto* r = map_->at(a);
    // Outside the map, read-only, or only part of a two-word value: the address is refused.
    if (r == nullptr || r->access == RegisterAccess::read_only || a != r->spec.address ||
        i + r->spec.words > words.size()) {
      return ModbusException::illegal_data_address;
    }
    candidate.set(r->id, hal::decode_words(r->spec, codec_.profile().word_order,
                                           words.subspan(i, r->spec.words)));
    written.push_back(r->id);
    i += r->spec.words;
  }
  if (auto refused = check_ranges(candidate, written, codec_, *mechanics_)) return refused;
  apply_write(candidate, written, now);
  return std::nullopt;
}

void SimulatedDrive::apply_write(const HeldRegisters& candidate,
                                 std::span<const DriveRegister> written,
                                 std::chrono::nanoseconds now) {
  const auto control_before = control_;
  const auto heartbeat_before = held_.get(DriveRegister::heartbeat);
  held_ = candidate;
  control_ = *codec_.decode_control(static_cast<std::uint16_t>(held_.get(DriveRegister::control)));
  const auto wrote = [&written](DriveRegister id) {
    return std::find(written.begin(), written.end(), id) != written.end();
  };
  // A changed heartbeat proves the master alive; a new COMM_TIMEOUT starts a fresh period.
  if ((wrote(DriveRegister::heartbeat) &&
       held_.get(DriveRegister::heartbeat) != heartbeat_before) ||
      wrote(DriveRegister::comm_timeout)) {
    last_sign_of_life_ = now;
  }
  if (wrote(DriveRegister::control)) on_control(control_before, now);
  if (wrote(DriveRegister::setpoint)) on_setpoint();
}

void SimulatedDrive::on_control(const hal::ControlWord& before, std::chrono::nanoseconds now) {
  // A new mode holds the axis where it is until a setpoint for that mode arrives.
  if (control_.mode != before.mode) hold_still();
  if (control_.quick_stop && !before.quick_stop) {
    start_stop(StopCause::quick_stop, max_accel());
  }
  if (control_.fault_reset && !before.fault_reset) try_fault_reset(now);
  if (!control_.enable && enabled_ && stop_ == StopPhase::none) {
    start_stop(StopCause::disable, max_accel());
  }
  try_enable(now);
  if (control_.home && !before.home && control_.enable) start_homing();
}

void SimulatedDrive::on_setpoint() {
  const double value = static_cast<double>(held_.get(DriveRegister::setpoint)) *
                       codec_.setpoint_scale(control_.mode);
  switch (control_.mode) {
    case hal::DriveMode::position:
      target_position_ = value;
      if (!hal::is_rotary(kind()) && !homed_ && enabled_ && !homing_ && stop_ == StopPhase::none &&
          std::abs(value - reported_position()) > kPositionTolerance) {
        raise_alarm(hal::AlarmKind::not_homed);
      }
      break;
    case hal::DriveMode::velocity:
      target_velocity_ = hal::is_rotary(kind()) ? value * kDegreesPerSecondPerRpm : value;
      break;
    case hal::DriveMode::force:
      target_force_ = value;
      break;
  }
}

// ---- state machine ----

bool SimulatedDrive::powered() const { return enabled_ || stop_ != StopPhase::none; }

void SimulatedDrive::try_enable(std::chrono::nanoseconds now) {
  if (enabled_ || stop_ != StopPhase::none || !control_.enable || control_.quick_stop || fault_) {
    return;
  }
  enabled_ = true;
  hold_still();
  last_sign_of_life_ = now;
}

bool SimulatedDrive::alarm_cause_present() const {
  if (!alarm_) return false;
  switch (*alarm_) {
    case hal::AlarmKind::stall:
      return blocked_;
    case hal::AlarmKind::over_temperature:
      return motor_.temperature() >= kOverTemperatureReset;
    case hal::AlarmKind::force_overload:
      return senses_.force_reading > kForceOverload;
    default:  // events (not homed, end-stop hit, communication loss, ...) are over once seen
      return false;
  }
}

void SimulatedDrive::try_fault_reset(std::chrono::nanoseconds now) {
  if (!fault_ || alarm_cause_present()) return;
  fault_ = false;
  comm_lost_ = false;
  alarm_.reset();
  alarm_code_ = 0;
  over_current_time_ = 0.0;
  last_sign_of_life_ = now;
}

void SimulatedDrive::start_homing() {
  if (!enabled_ || fault_ || stop_ != StopPhase::none || control_.quick_stop) return;
  if (hal::is_rotary(kind())) return;  // the phase needs no reference
  homing_ = true;
  homed_ = false;
}

void SimulatedDrive::start_stop(StopCause cause, double decel) {
  homing_ = false;
  if (stop_ == StopPhase::none) {
    stop_ = StopPhase::braking;
    stop_cause_ = cause;
    stop_decel_ = decel;
    return;
  }
  // Already stopping: a harder reason may only make it brake harder or add the retraction.
  stop_decel_ = std::max(stop_decel_, decel);
  stop_cause_ = std::max(stop_cause_, cause);
}

void SimulatedDrive::finish_stop() {
  stop_ = StopPhase::none;
  enabled_ = false;
  velocity_ = 0.0;
  hold_still();
}

void SimulatedDrive::hold_still() {
  target_position_ = reported_position();
  target_velocity_ = 0.0;
  target_force_ = senses_.force_reading;
}

void SimulatedDrive::raise_alarm(hal::AlarmKind kind) {
  // The first alarm stays in ALARM until reset; a later one still gets its reaction.
  if (!fault_) {
    fault_ = true;
    alarm_ = kind;
    const auto& alarms = codec_.profile().alarms;
    auto found = std::find_if(alarms.begin(), alarms.end(),
                              [kind](const auto& a) { return a.kind == kind; });
    if (found == alarms.end()) {
      found = std::find_if(alarms.begin(), alarms.end(),
                           [](const auto& a) { return a.kind == hal::AlarmKind::other; });
    }
    alarm_code_ = found != alarms.end() ? found->code : std::uint16_t{0xFFFF};
  }
  if (kind == hal::AlarmKind::encoder && !hal::is_rotary(this->kind())) homed_ = false;
  if (kind == hal::AlarmKind::communication_loss) {
    comm_lost_ = true;
    const auto value = held_.get(DriveRegister::comm_loss_action);
    for (const auto& [action, code] : codec_.profile().comm_loss_actions) {
      if (code != value) continue;
      if (action == hal::CommLossAction::halt) start_stop(StopCause::fault, accel_limit());
      if (action == hal::CommLossAction::quick_stop) {
        start_stop(StopCause::quick_stop, max_accel());
      }
    }
    return;
  }
  if (powered()) {
    start_stop(StopCause::fault, accel_limit());
  } else {
    homing_ = false;
  }
}

void SimulatedDrive::reboot(std::chrono::nanoseconds now) {
  held_.reset_commands();
  control_ = *codec_.decode_control(static_cast<std::uint16_t>(held_.get(DriveRegister::control)));
  const bool rotary = hal::is_rotary(kind());
  enabled_ = false;
  homed_ = rotary;  // a rotary axis's phase needs no reference
  homing_ = false;
  fault_ = false;
  comm_lost_ = false;
  force_limited_ = false;
  alarm_.reset();
  alarm_code_ = 0;
  stop_ = StopPhase::none;
  velocity_ = 0.0;
  pushing_ = false;
  over_current_time_ = 0.0;
  // An incremental encoder counts from where the axis stands at power-up, which it reports as
  // the axis's minimum until homing finds the real one.
  encoder_offset_ = rotary ? 0.0 : position_ - mechanics_->range_min;
  hold_still();
  last_sign_of_life_ = now;
}

// ---- engineering values ----

double SimulatedDrive::max_speed() const {
  return mechanics_->max_speed * (hal::is_rotary(kind()) ? kDegreesPerSecondPerRpm : 1.0);
}

double SimulatedDrive::max_accel() const {
  return mechanics_->max_accel * (hal::is_rotary(kind()) ? kDegreesPerSecondPerRpm : 1.0);
}

double SimulatedDrive::speed_limit() const {
  const auto counts = held_.get(DriveRegister::velocity_limit);
  const double value =
      counts == 0 ? mechanics_->max_speed : codec_.from_counts(counts, Quantity::velocity);
  return value * (hal::is_rotary(kind()) ? kDegreesPerSecondPerRpm : 1.0);
}

double SimulatedDrive::accel_limit() const {
  const auto counts = held_.get(DriveRegister::accel_limit);
  const double value =
      counts == 0 ? mechanics_->default_accel : codec_.from_counts(counts, Quantity::acceleration);
  return value * (hal::is_rotary(kind()) ? kDegreesPerSecondPerRpm : 1.0);
}

double SimulatedDrive::force_limit() const {
  const auto counts = held_.get(DriveRegister::force_limit);
  return counts == 0 ? kForceOverload : codec_.from_counts(counts, Quantity::force);
}

double SimulatedDrive::reported_position() const { return position_ - encoder_offset_; }

double SimulatedDrive::position_error() const {
  double error = target_position_ - reported_position();
  if (hal::is_rotary(kind())) {
    error = std::remainder(error, 360.0);  // the short way round
  }
  return error;
}

bool SimulatedDrive::target_reached() const {
  if (!enabled_ || stop_ != StopPhase::none || homing_) return false;
  switch (control_.mode) {
    case hal::DriveMode::position:
      return std::abs(position_error()) <= kPositionTolerance;
    case hal::DriveMode::velocity: {
      const double wanted = std::clamp(target_velocity_, -speed_limit(), speed_limit());
      const double unit = hal::is_rotary(kind()) ? kDegreesPerSecondPerRpm : 1.0;
      return std::abs(velocity_ - wanted) <= kVelocityTolerance * unit;
    }
    case hal::DriveMode::force:
      return std::abs(senses_.force_reading - target_force_) <= kForceTolerance;
  }
  return false;
}

AxisTruth SimulatedDrive::truth() const {
  AxisTruth t;
  t.kind = kind();
  if (hal::is_rotary(kind())) {
    t.phase = units::Degrees(position_);
    t.speed = units::Rpm(velocity_ / kDegreesPerSecondPerRpm);
  } else {
    t.position = units::Millimetres(position_);
    t.velocity = units::MillimetresPerSecond(velocity_);
  }
  t.enabled = enabled_;
  t.homed = homed_;
  t.homing = homing_;
  t.fault = fault_;
  t.comm_lost = comm_lost_;
  t.force_limited = force_limited_;
  t.stalled = blocked_;
  t.alarm = alarm_;
  t.alarm_code = alarm_code_;
  if (stop_ != StopPhase::none && stop_cause_ == StopCause::quick_stop) {
    t.quick_stop =
        stop_ == StopPhase::braking ? QuickStopState::braking : QuickStopState::retracting;
  } else if (control_.quick_stop) {
    t.quick_stop = QuickStopState::stopped;
  }
  t.current = units::Milliamperes(motor_.current());
  t.temperature = units::Celsius(motor_.temperature());
  return t;
}

}  // namespace sim
