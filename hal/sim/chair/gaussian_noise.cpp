#include "sim/chair/gaussian_noise.hpp"

#include <cmath>
#include <numbers>

namespace sim {

GaussianNoise::GaussianNoise(std::uint64_t seed) : state_(seed) {}

// SplitMix64: small, fast and statistically sound for simulation noise.
std::uint64_t GaussianNoise::next_bits() {
  state_ += 0x9E3779B97F4A7C15ULL;
  std::uint64_t z = state_;
  z = (z ^ (z >> 30U)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27U)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31U);
}

double GaussianNoise::next_unit() {
  // 53 random bits, shifted by half a step so that 0 never comes out (log(0) below).
  return (static_cast<double>(next_bits() >> 11U) + 0.5) * 0x1.0p-53;
}

double GaussianNoise::next() {
  if (has_spare_) {
    has_spare_ = false;
    return spare_;
  }
  // Box-Muller: two uniform samples give two independent Gaussian ones.
  const double radius = std::sqrt(-2.0 * std::log(next_unit()));
  const double angle = 2.0 * std::numbers::pi * next_unit();
  spare_ = radius * std::sin(angle);
  has_spare_ = true;
  return radius * std::cos(angle);
}

}  // namespace sim
