#pragma once

#include <cstdint>

// Seeded measurement noise: the same seed gives the same sequence on every machine and standard
// library (the generator and the Gaussian transform are written out here rather than taken from
// <random>, whose distributions differ between implementations).
namespace sim {

class GaussianNoise {
 public:
  explicit GaussianNoise(std::uint64_t seed);

  // A sample with mean 0 and standard deviation 1.
  double next();

 private:
  std::uint64_t next_bits();
  double next_unit();  // uniform in (0, 1)

  std::uint64_t state_;
  double spare_ = 0.0;
  bool has_spare_ = false;
};

}  // namespace sim
