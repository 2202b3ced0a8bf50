#pragma once

#include <limits>

#include "sim/chair/axis_mechanics.hpp"

// An axis's motor as the drive measures it: the current it draws for what the axis is doing,
// and the winding temperature that current produces (first-order heating toward
// ambient + R·I², cooling toward ambient when idle).
namespace sim {

// The drive raises over-temperature above this, and allows a reset only once the motor has
// cooled below kOverTemperatureReset (°C).
inline constexpr double kOverTemperature = 80.0;
inline constexpr double kOverTemperatureReset = 70.0;

// What the motor is doing during one step.
struct MotorDuty {
  bool powered = false;     // the drive energises the motor (enabled, homing or stopping)
  bool blocked = false;     // the drive pushes but the axis cannot move
  double speed = 0.0;       // |velocity| in the axis's units
  double accel = 0.0;       // |acceleration| in the axis's units
  double load_force = 0.0;  // N the depth motor holds against the back (0 on other axes)
};

class Motor {
 public:
  Motor(const AxisMechanics& mechanics, double ambient_celsius);

  void step(double dt, const MotorDuty& duty);

  [[nodiscard]] double current() const { return current_; }          // mA
  [[nodiscard]] double temperature() const { return temperature_; }  // °C
  // For a scene that starts with a hot motor.
  void set_temperature(double celsius) { temperature_ = celsius; }

 private:
  const AxisMechanics* mechanics_;
  double ambient_;
  double current_ = 0.0;
  double temperature_;
  // The share of the way to the steady temperature covered in one step, for the step length it
  // was worked out for: every step is as long as the last, and an exponential a step per motor
  // is a noticeable part of a stepped-time session.
  double warming_dt_ = std::numeric_limits<double>::quiet_NaN();
  double warming_share_ = 0.0;
};

}  // namespace sim
