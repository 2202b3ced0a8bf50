#include "daemon/session/chair_placement.hpp"

#include "units/quantity_text.hpp"

namespace session {

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
    out.limited = "the spot lies at " + units::mm_text(travel) +
                  " on the track, outside the rollers' reach of " +
                  units::mm_text(travel_range.min) + " to " + units::mm_text(travel_range.max) +
                  "; working at " + units::mm_text(out.travel);
  } else if (out.lateral != lateral) {
    out.limited = "the spot lies " + units::mm_text(lateral) +
                  " from the midline, which needs a roller " + "spacing outside " +
                  units::mm_text(width_range.min) + " to " + units::mm_text(width_range.max) +
                  "; working " + units::mm_text(out.lateral) + " from the midline";
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
