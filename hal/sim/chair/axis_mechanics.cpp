#include "sim/chair/axis_mechanics.hpp"

#include <array>
#include <stdexcept>

namespace sim {
namespace {

// Ranges and maximum speeds are the datasheet's. Accelerations are chosen so that a move at
// full speed ramps in about half a second and a quick stop brakes within a few millimetres.
// Homing on travel runs at 82 mm/s so that the full 1200 mm track takes just under the
// datasheet's 15 s; the other axes home at about half their maximum speed.
constexpr std::array<AxisMechanics, 5> kMechanics = {{
    {.kind = hal::AxisKind::travel,
     .range_min = 0.0,
     .range_max = 1200.0,
     .max_speed = 150.0,
     .default_accel = 300.0,
     .max_accel = 1500.0,
     .homing_speed = 82.0,
     .idle_current = 150.0,
     .speed_current = 900.0,
     .accel_current = 400.0,
     .blocked_current = 6000.0},
    {.kind = hal::AxisKind::width,
     .range_min = 40.0,
     .range_max = 200.0,
     .max_speed = 40.0,
     .default_accel = 100.0,
     .max_accel = 400.0,
     .homing_speed = 20.0,
     .idle_current = 120.0,
     .speed_current = 500.0,
     .accel_current = 200.0,
     .blocked_current = 5000.0},
    {.kind = hal::AxisKind::depth,
     .range_min = 0.0,
     .range_max = 100.0,
     .max_speed = 50.0,
     .default_accel = 200.0,
     .max_accel = 1000.0,
     .homing_speed = 25.0,
     .idle_current = 150.0,
     .speed_current = 600.0,
     .accel_current = 300.0,
     .blocked_current = 6000.0},
    {.kind = hal::AxisKind::knead,
     .range_min = 0.0,
     .range_max = 360.0,
     .max_speed = 90.0,
     .default_accel = 180.0,
     .max_accel = 900.0,
     .homing_speed = 0.0,
     .idle_current = 100.0,
     .speed_current = 800.0,
     .accel_current = 200.0,
     .blocked_current = 5000.0},
    {.kind = hal::AxisKind::tap,
     .range_min = 0.0,
     .range_max = 360.0,
     .max_speed = 720.0,
     .default_accel = 1440.0,
     .max_accel = 7200.0,
     .homing_speed = 0.0,
     .idle_current = 100.0,
     .speed_current = 1200.0,
     .accel_current = 300.0,
     .blocked_current = 5000.0},
}};

}  // namespace

const AxisMechanics& mechanics_of(hal::AxisKind kind) {
  for (const auto& m : kMechanics) {
    if (m.kind == kind) return m;
  }
  throw std::invalid_argument("no mechanics for axis kind " + std::string(to_string(kind)));
}

}  // namespace sim
