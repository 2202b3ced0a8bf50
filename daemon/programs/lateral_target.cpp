#include "daemon/programs/lateral_target.hpp"

#include <algorithm>
#include <sstream>

namespace programs {

units::Millimetres lateral_distance(const LateralTarget& target,
                                    units::Millimetres midline_distance) {
  if (const auto* distance = std::get_if<units::Millimetres>(&target)) return *distance;
  const auto band = anatomy::lateral_band(std::get<anatomy::Muscle>(target));
  if (band.farthest < midline_distance) return midline_distance;
  const auto nearest = std::max(band.nearest, midline_distance);
  return (nearest + band.farthest) / 2.0;
}

std::string centimetres(units::Millimetres distance) {
  std::ostringstream out;
  out << distance.value() / 10.0 << " cm";
  return out.str();
}

std::string to_string(const LateralTarget& target) {
  if (const auto* distance = std::get_if<units::Millimetres>(&target)) {
    return centimetres(*distance);
  }
  return std::string(anatomy::to_string(std::get<anatomy::Muscle>(target)));
}

}  // namespace programs
