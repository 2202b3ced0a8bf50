#pragma once

// The drive's motion planner, one control step at a time: a trapezoidal (or, for a short move,
// triangular) velocity profile that never exceeds the speed and acceleration it is given and
// lands on its target without overshoot. Units are the axis's own (mm or degrees, per second).
namespace sim {

// `velocity` moved toward `wanted` by at most `max_change`.
double ramp(double velocity, double wanted, double max_change);

// The highest speed from which the axis can still stop within `distance` (>= 0), braking at
// `accel` in steps of `dt` seconds.
double braking_speed(double distance, double accel, double dt);

// The velocity for the next step of a move whose target lies `error` ahead (signed), starting
// at `velocity`, within `speed` and `accel`.
double approach_velocity(double error, double velocity, double speed, double accel, double dt);

}  // namespace sim
