#include "sim/chair/motor.hpp"

#include <algorithm>
#include <cmath>

namespace sim {
namespace {

// Winding heating: the steady-state rise is kRisePerAmpSquared·I² (°C per A²), reached with the
// time constant of the motor's mass. Holding 20 N on the depth axis warms it by a few degrees; a
// blocked motor would pass 80 °C in well under a minute.
constexpr double kRisePerAmpSquared = 12.0;
constexpr double kThermalTimeConstant = 300.0;  // s

}  // namespace

Motor::Motor(const AxisMechanics& mechanics, double ambient_celsius)
    : mechanics_(&mechanics), ambient_(ambient_celsius), temperature_(ambient_celsius) {}

void Motor::step(double dt, const MotorDuty& duty) {
  const auto& m = *mechanics_;
  if (!duty.powered) {
    current_ = 0.0;
  } else if (duty.blocked) {
    current_ = m.blocked_current;
  } else {
    current_ = m.idle_current + m.speed_current * std::min(duty.speed / m.max_speed, 1.0) +
               m.accel_current * std::min(duty.accel / m.max_accel, 1.0) +
               kDepthCurrentPerNewton * std::max(duty.load_force, 0.0);
  }
  const double amps = current_ / 1000.0;
  const double steady = ambient_ + kRisePerAmpSquared * amps * amps;
  if (dt != warming_dt_) {
    warming_dt_ = dt;
    warming_share_ = 1.0 - std::exp(-dt / kThermalTimeConstant);
  }
  temperature_ += (steady - temperature_) * warming_share_;
}

}  // namespace sim
