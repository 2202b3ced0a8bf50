#pragma once

#include <chrono>
#include <optional>
#include <variant>

#include "modbus/axis_state.hpp"
#include "modbus/drive_reading.hpp"
#include "profile/axis_kind.hpp"
#include "units/units.hpp"

// What an axis of the chair reports, in its own units: linear axes (travel, width, depth) in
// millimetres, rotary ones (knead, tap) in degrees and rpm. Values only: reading them commands
// nothing (the axes themselves are in axis.hpp).
namespace hal {

struct LinearMotion {
  using Position = units::Millimetres;
  using Velocity = units::MillimetresPerSecond;
  using Acceleration = units::MillimetresPerSecondSquared;
};

struct RotaryMotion {
  using Position = units::Degrees;  // phase of the eccentric
  using Velocity = units::Rpm;
  using Acceleration = units::RpmPerSecond;
};

// One status reading of an axis.
template <class Motion>
struct Reading {
  typename Motion::Position position;
  typename Motion::Velocity velocity;
  units::Newtons force;  // contact force on the depth axis, raw as the drive reports it
  units::Milliamperes current;
  units::Celsius temperature;
  StatusFlags flags;
  std::optional<DriveAlarm> alarm;  // set while the drive is faulted
  std::chrono::nanoseconds age{0};  // how long ago the drive sent it
};

using LinearReading = Reading<LinearMotion>;
using RotaryReading = Reading<RotaryMotion>;
// A reading of whichever kind the axis is.
using AxisReading = std::variant<LinearReading, RotaryReading>;

// The typed view of a raw reading, aged against `now`.
template <class Motion>
Reading<Motion> typed_reading(const DriveReading& raw, Clock::time_point now) {
  Reading<Motion> r;
  r.position = typename Motion::Position(raw.values.position);
  r.velocity = typename Motion::Velocity(raw.values.velocity);
  r.force = units::Newtons(raw.values.force);
  r.current = units::Milliamperes(raw.values.current);
  r.temperature = units::Celsius(raw.values.temperature);
  r.flags = raw.values.flags;
  r.alarm = raw.alarm;
  r.age = std::chrono::duration_cast<std::chrono::nanoseconds>(now - raw.read_at);
  return r;
}

AxisReading axis_reading(AxisKind kind, const DriveReading& raw, Clock::time_point now);

}  // namespace hal
