#include "sim/chair/trapezoid.hpp"

#include <algorithm>
#include <cmath>

namespace sim {

double ramp(double velocity, double wanted, double max_change) {
  return std::clamp(wanted, velocity - max_change, velocity + max_change);
}

double braking_speed(double distance, double accel, double dt) {
  // Braking from v in steps of accel·dt covers v²/(2a) + v·dt/2 (the discrete sum); solve for
  // v. Below one step's worth the axis simply covers the remaining distance in one step.
  const double half_step = accel * dt / 2.0;
  const double v = -half_step + std::sqrt(half_step * half_step + 2.0 * accel * distance);
  return std::min(v, distance / dt);
}

double approach_velocity(double error, double velocity, double speed, double accel, double dt) {
  const double wanted =
      std::copysign(std::min(speed, braking_speed(std::abs(error), accel, dt)), error);
  return ramp(velocity, wanted, accel * dt);
}

}  // namespace sim
