#pragma once

#include "daemon/model/calibration.hpp"
#include "units/units.hpp"

namespace control_test {

// The simulated chair's load cell (3 N offset, 6 % gain error) as a technician's calibration
// finds it, with the mechanism's full ranges: what tests and benchmarks give the controller.
inline safety::Calibration simulator_calibration() {
  safety::Calibration c;
  c.valid = true;
  c.force.offset = units::Newtons(3.0);
  c.force.gain = 1.06;
  return c;
}

}  // namespace control_test
