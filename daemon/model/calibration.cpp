#include "daemon/model/calibration.hpp"

#include <cmath>

namespace safety {

AxisRange AxisRange::inset(units::Millimetres margin) const {
  if (max - min <= margin * 2.0) return {middle(), middle()};
  return {min + margin, max - margin};
}

Calibration uncalibrated() { return Calibration{}; }

namespace {

std::string check_range(const char* name, const AxisRange& range) {
  if (!std::isfinite(range.min.value()) || !std::isfinite(range.max.value()) ||
      !(range.min < range.max)) {
    return std::string("the ") + name + " range " + std::to_string(range.min.value()) + ".." +
           std::to_string(range.max.value()) + " mm is empty or inverted; calibrate the axis again";
  }
  return {};
}

}  // namespace

std::string check_calibration(const Calibration& calibration) {
  for (const auto& problem :
       {check_range("travel", calibration.travel), check_range("width", calibration.width),
        check_range("depth", calibration.depth)}) {
    if (!problem.empty()) return problem;
  }
  const auto& force = calibration.force;
  if (!std::isfinite(force.gain) || force.gain <= 0.0 || !std::isfinite(force.offset.value())) {
    return "the load cell's gain " + std::to_string(force.gain) +
           " is not a positive number; calibrate the force sensor again";
  }
  return {};
}

}  // namespace safety
