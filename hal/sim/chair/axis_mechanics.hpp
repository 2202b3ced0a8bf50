#pragma once

#include "profile/axis_kind.hpp"

// What an RA-1 drive's mechanism can do on each axis: the datasheet's table (range, maximum
// speed) and the figures the datasheet leaves to the drive (accelerations, homing speed, motor
// currents), in engineering units. Linear axes: mm, mm/s, mm/s²; rotary axes: degrees of phase,
// rpm, rpm/s. The register map is the profile's business; these are the machine's.
namespace sim {

struct AxisMechanics {
  hal::AxisKind kind = hal::AxisKind::travel;
  double range_min = 0.0;  // the minimum end stop (linear); 0° (rotary)
  double range_max = 0.0;  // the maximum end stop (linear); 360° (rotary, exclusive)
  double max_speed = 0.0;
  double default_accel = 0.0;  // used when ACCEL_LIMIT is 0
  double max_accel = 0.0;      // the largest ACCEL_LIMIT accepted; a quick stop brakes at it
  double homing_speed = 0.0;   // the "low speed" of homing (linear axes)
  // Motor current model, mA: standing still powered, extra at full speed, extra at maximum
  // acceleration, and what a blocked motor draws while the drive pushes.
  double idle_current = 0.0;
  double speed_current = 0.0;
  double accel_current = 0.0;
  double blocked_current = 0.0;
};

// The RA-1's mechanism for one axis.
const AxisMechanics& mechanics_of(hal::AxisKind kind);

// Contact force the depth motor carries per newton pressed into the back, mA/N.
inline constexpr double kDepthCurrentPerNewton = 10.0;
// The force the depth axis's load cell is built for; above it the drive raises force overload.
inline constexpr double kForceOverload = 250.0;
// STALL_CURRENT as shipped and the range a technician may set, mA.
inline constexpr double kDefaultStallCurrent = 4000.0;
inline constexpr double kMinStallCurrent = 100.0;
inline constexpr double kMaxStallCurrent = 10000.0;
// How long the current must stay above STALL_CURRENT before the stall alarm, per the datasheet.
inline constexpr double kStallSeconds = 0.200;
// TARGET_REACHED tolerances: position mode per the datasheet (mm on linear axes, degrees on
// rotary ones); velocity mode (mm/s or rpm) and force mode (N) are the drive's choice.
inline constexpr double kPositionTolerance = 0.5;
inline constexpr double kVelocityTolerance = 0.5;
inline constexpr double kForceTolerance = 1.0;
// Reaching an end stop faster than this (mm/s) outside homing raises the end-stop alarm.
inline constexpr double kEndStopImpact = 5.0;
// Force mode: the depth axis moves this fast (mm/s) per newton the reading is off the setpoint.
inline constexpr double kForceGain = 1.0;
// Rotary axes move in degrees internally; their registers speak rpm.
inline constexpr double kDegreesPerSecondPerRpm = 6.0;

}  // namespace sim
