#pragma once

#include <span>
#include <string>

#include "daemon/model/calibration.hpp"
#include "result/expected.hpp"
#include "units/units.hpp"

// The load cell's zero and gain from sampled raw readings: first with nothing on the rollers,
// then with a known reference load. Readings that wander (their spread over the samples) or
// numbers no sound load cell gives (an offset or a gain outside sane bounds) are refused with
// what to check, never stored.
namespace calibration {

struct ForceSensorBounds {
  units::Newtons largest_spread{3.0};  // between the lowest and highest sample
  units::Newtons largest_offset{20.0};
  double lowest_gain = 0.8;
  double highest_gain = 1.25;
  units::Newtons smallest_reference{20.0};  // a lighter load gives too coarse a gain
};

// The mean of the samples, if their spread is within bounds.
result::Expected<units::Newtons, std::string> steady_mean(std::span<const units::Newtons> samples,
                                                          const ForceSensorBounds& bounds);

// The offset: what the cell reads with nothing on the rollers.
result::Expected<units::Newtons, std::string> fit_zero(std::span<const units::Newtons> unloaded,
                                                       const ForceSensorBounds& bounds);

// The whole correction, given the offset and the readings under `reference`.
result::Expected<safety::ForceSensorCalibration, std::string> fit_gain(
    units::Newtons offset, std::span<const units::Newtons> loaded, units::Newtons reference,
    const ForceSensorBounds& bounds);

}  // namespace calibration
