#pragma once

#include <string>

#include "daemon/anatomy/muscle.hpp"
#include "daemon/anatomy/vertebral_level.hpp"
#include "daemon/bodymap/body_map.hpp"
#include "daemon/model/calibration.hpp"
#include "daemon/programs/lateral_target.hpp"
#include "daemon/safety/safety_limits.hpp"
#include "units/units.hpp"

// Where a spot of the back, named in anatomical terms ("T4, left longissimus"), lands on this
// chair for the person in it: the body map places the level on the track, the muscle's band
// (or the distance given) sets each roller's distance from the midline, never closer than the
// supervisor's midline clearance, and the calibration's ranges bound both. The executor aims
// every technique with it; the API shows it.
namespace session {

struct AnatomicalSpot {
  anatomy::VertebralLevel level = anatomy::VertebralLevel::T4;
  programs::LateralTarget target = anatomy::Muscle::longissimus;
  anatomy::Side side = anatomy::Side::both;
};

struct ChairPlacement {
  units::Millimetres travel{0.0};   // the carriage along the track
  units::Millimetres lateral{0.0};  // each roller from the midline
  units::Millimetres width{0.0};    // the rollers' spacing: twice the lateral distance
  // The chair's ranges moved the spot: what was wanted and where it lands instead. Empty when
  // the spot lies where the anatomy puts it.
  std::string limited;
};

[[nodiscard]] ChairPlacement place_on_chair(const AnatomicalSpot& spot,
                                            const bodymap::BodyMap& body,
                                            const safety::Calibration& calibration,
                                            const safety::SafetyLimits& limits);

// The same for a travel position already known (the place "hold here" keeps).
[[nodiscard]] ChairPlacement place_on_chair(units::Millimetres travel,
                                            const programs::LateralTarget& target,
                                            const safety::Calibration& calibration,
                                            const safety::SafetyLimits& limits);

// "T4, left longissimus": a spot as the panel shows it.
[[nodiscard]] std::string to_string(const AnatomicalSpot& spot);

}  // namespace session
