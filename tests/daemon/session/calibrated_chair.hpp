#pragma once

#include "daemon/model/calibration.hpp"

namespace session_test {

// A chair whose calibration is valid: the mechanism's full ranges, the load cell as it reads.
inline safety::Calibration calibrated_chair() {
  auto c = safety::uncalibrated();
  c.valid = true;
  return c;
}

}  // namespace session_test
