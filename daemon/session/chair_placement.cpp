#include "daemon/session/chair_placement.hpp"
#include "daemon/session/length_text.hpp"

#include <cstdio>

namespace session {
namespace {}  // namespace

ChairPlacement place_on_chair(units::Millimetres travel, const programs::LateralTarget& target,
                              const safety::Calibration& calibration,
                              const safety::SafetyLimits& limits) {
  ChairPlacement out;
  const auto lateral = std::max(programs::lateral_distance(target, limits.midline_clearance),
                                limits.midline_clearance);
  const auto travel_range = calibration.travel.inset(limits.range_margin);
  const auto width_range = calibration.width.inset(limits.range_margin);
  out.travel = travel_range.clamp(travel);
  out.width = width_range.clamp(lateral * 2.0);
  out.lateral = out.width / 2.0;
  if (out.travel != travel) {
    out.limited = "the spot lies at " + tenth_mm(travel) +
                  " on the track, outside the rollers' reach of " + tenth_mm(travel_range.min) +
                  " to " + tenth_mm(travel_range.max) + "; working at " + tenth_mm(out.travel);
  } else if (out.lateral != lateral) {
    out.limited = "the spot lies " + tenth_mm(lateral) +
                  " from the midline, which needs a roller " + "spacing outside " +
                  tenth_mm(width_range.min) + " to " + tenth_mm(width_range.max) + "; working " +
                  tenth_mm(out.lateral) + " from the midline";
  }
  return out;
}

ChairPlacement place_on_chair(const AnatomicalSpot& spot, const bodymap::BodyMap& body,
                              const safety::Calibration& calibration,
                              const safety::SafetyLimits& limits) {
  return place_on_chair(body.travel_of(spot.level), spot.target, calibration, limits);
}

std::string to_string(const AnatomicalSpot& spot) {
  std::string out = anatomy::to_string(spot.level) + ", ";
  if (spot.side == anatomy::Side::both) {
    return out + programs::to_string(spot.target) + ", both sides";
  }
  return out + std::string(anatomy::to_string(spot.side)) + " " + programs::to_string(spot.target);
}

}  // namespace session
