#include "profile/drive_codec.hpp"

#include <algorithm>
#include <cmath>

namespace hal {
namespace {

constexpr bool bit(std::uint16_t word, unsigned n) { return ((word >> n) & 1U) != 0; }
constexpr std::uint16_t with_bit(unsigned n, bool on) {
  return on ? static_cast<std::uint16_t>(1U << n) : std::uint16_t{0};
}

}  // namespace

DriveCodec::DriveCodec(const ActuatorProfile& profile, AxisKind kind)
    : profile_(&profile), kind_(kind) {}

double DriveCodec::scale(Quantity q) const {
  const auto& s = profile_->scales;
  const bool rotary = is_rotary(kind_);
  switch (q) {
    case Quantity::position:
      return rotary ? s.rotary_position : s.linear_position;
    case Quantity::velocity:
      return rotary ? s.rotary_velocity : s.linear_velocity;
    case Quantity::acceleration:
      return rotary ? s.rotary_acceleration : s.linear_acceleration;
    case Quantity::force:
      return s.force;
    case Quantity::current:
      return s.current;
    case Quantity::temperature:
      return s.temperature;
    case Quantity::time:
      return s.time_ms;
  }
  return 1.0;
}

double DriveCodec::setpoint_scale(DriveMode mode) const {
  switch (mode) {
    case DriveMode::position:
      return scale(Quantity::position);
    case DriveMode::velocity:
      return scale(Quantity::velocity);
    case DriveMode::force:
      return scale(Quantity::force);
  }
  return 1.0;
}

std::int64_t DriveCodec::to_counts(double value, Quantity q) const {
  return std::llround(value / scale(q));
}

double DriveCodec::from_counts(std::int64_t counts, Quantity q) const {
  return static_cast<double>(counts) * scale(q);
}

std::uint16_t DriveCodec::encode_control(const ControlWord& c) const {
  const auto& b = profile_->control_bits;
  std::uint16_t word = with_bit(b.enable, c.enable) | with_bit(b.halt, c.halt) |
                       with_bit(b.quick_stop, c.quick_stop) |
                       with_bit(b.fault_reset, c.fault_reset) | with_bit(b.home, c.home);
  const auto mode = b.mode_values.at(c.mode);
  word |= static_cast<std::uint16_t>(mode << b.mode_shift);
  return word;
}

std::optional<ControlWord> DriveCodec::decode_control(std::uint16_t raw) const {
  const auto& b = profile_->control_bits;
  ControlWord c;
  c.enable = bit(raw, b.enable);
  c.halt = bit(raw, b.halt);
  c.quick_stop = bit(raw, b.quick_stop);
  c.fault_reset = bit(raw, b.fault_reset);
  c.home = bit(raw, b.home);
  const auto mode_raw =
      static_cast<std::uint16_t>((raw >> b.mode_shift) & ((1U << b.mode_width) - 1U));
  for (const auto& [mode, value] : b.mode_values) {
    if (value == mode_raw) {
      c.mode = mode;
      return c;
    }
  }
  return std::nullopt;
}

std::uint16_t DriveCodec::encode_flags(const StatusFlags& f) const {
  const auto& b = profile_->status_bits;
  return with_bit(b.ready, f.ready) | with_bit(b.enabled, f.enabled) |
         with_bit(b.moving, f.moving) | with_bit(b.target_reached, f.target_reached) |
         with_bit(b.homed, f.homed) | with_bit(b.fault, f.fault) |
         with_bit(b.force_limited, f.force_limited) | with_bit(b.homing, f.homing) |
         with_bit(b.at_min, f.at_min) | with_bit(b.at_max, f.at_max) |
         with_bit(b.comm_lost, f.comm_lost);
}

StatusFlags DriveCodec::decode_flags(std::uint16_t raw) const {
  const auto& b = profile_->status_bits;
  StatusFlags f;
  f.ready = bit(raw, b.ready);
  f.enabled = bit(raw, b.enabled);
  f.moving = bit(raw, b.moving);
  f.target_reached = bit(raw, b.target_reached);
  f.homed = bit(raw, b.homed);
  f.fault = bit(raw, b.fault);
  f.force_limited = bit(raw, b.force_limited);
  f.homing = bit(raw, b.homing);
  f.at_min = bit(raw, b.at_min);
  f.at_max = bit(raw, b.at_max);
  f.comm_lost = bit(raw, b.comm_lost);
  return f;
}

RegisterImage DriveCodec::encode_command(const DriveCommandValues& command) const {
  const auto& r = profile_->command;
  RegisterImage image(profile_->command_block, profile_->word_order);
  image.set(r.control, encode_control(command.control));
  image.set(r.setpoint, std::llround(command.setpoint / setpoint_scale(command.control.mode)));
  image.set(r.heartbeat, command.heartbeat);
  return image;
}

RegisterImage DriveCodec::encode_status(const DriveStatusValues& s) const {
  const auto& r = profile_->status;
  RegisterImage image(profile_->status_block, profile_->word_order);
  auto put = [&](const RegisterSpec& spec, std::int64_t counts) {
    // A physical value beyond the register's span is reported at the span's end, as a drive's
    // firmware saturates rather than wraps.
    const std::int64_t lo = spec.is_signed ? -(std::int64_t{1} << (16 * spec.words - 1)) : 0;
    const std::int64_t hi = spec.is_signed ? (std::int64_t{1} << (16 * spec.words - 1)) - 1
                                           : (std::int64_t{1} << (16 * spec.words)) - 1;
    image.set(spec, std::clamp(counts, lo, hi));
  };
  put(r.status, encode_flags(s.flags));
  put(r.position, to_counts(s.position, Quantity::position));
  put(r.velocity, to_counts(s.velocity, Quantity::velocity));
  put(r.force, to_counts(s.force, Quantity::force));
  put(r.current, to_counts(s.current, Quantity::current));
  put(r.alarm, s.alarm);
  put(r.heartbeat_echo, s.heartbeat_echo);
  put(r.temperature, to_counts(s.temperature, Quantity::temperature));
  return image;
}

DriveStatusValues DriveCodec::decode_status(const RegisterImage& image) const {
  const auto& r = profile_->status;
  DriveStatusValues s;
  s.flags = decode_flags(static_cast<std::uint16_t>(image.get(r.status)));
  s.position = from_counts(image.get(r.position), Quantity::position);
  s.velocity = from_counts(image.get(r.velocity), Quantity::velocity);
  s.force = from_counts(image.get(r.force), Quantity::force);
  s.current = from_counts(image.get(r.current), Quantity::current);
  s.alarm = static_cast<std::uint16_t>(image.get(r.alarm));
  s.heartbeat_echo = static_cast<std::uint16_t>(image.get(r.heartbeat_echo));
  s.temperature = from_counts(image.get(r.temperature), Quantity::temperature);
  return s;
}

}  // namespace hal
