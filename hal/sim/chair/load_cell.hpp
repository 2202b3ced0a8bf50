#pragma once

#include <cstdint>

#include "sim/chair/gaussian_noise.hpp"
#include "units/units.hpp"

// The depth axis's load cell as shipped, before the chair's calibration: it reads the force on
// the rollers with an offset, a gain error and noise. The drive reports and acts on this reading
// (FORCE, force mode, FORCE_LIMIT); only the chair's own calibration can correct it.
namespace sim {

struct LoadCellError {
  units::Newtons offset{3.0};  // what it reads with nothing on the rollers
  double gain_error = 0.06;    // reading = (1 + gain_error) · force + offset + noise
  units::Newtons noise{0.3};   // standard deviation of each sample
};

class LoadCell {
 public:
  LoadCell(LoadCellError error, std::uint64_t seed);

  // One sample of the reading for the force truly on the rollers.
  units::Newtons sample(units::Newtons force);

 private:
  LoadCellError error_;
  GaussianNoise noise_;
};

}  // namespace sim
