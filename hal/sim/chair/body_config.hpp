#pragma once

#include <vector>

#include "units/units.hpp"

// The person in the simulated chair, as the rollers meet them. Travel runs from the top end stop
// (0) down toward the seat; the lateral offset is each roller's distance from the spine's
// midline (half the width axis's spacing).
namespace sim {

// A trigger point: a stiffer spot in a taut band of muscle that softens under sustained pressure.
struct Nodule {
  units::Millimetres travel{600.0};
  units::Millimetres lateral_offset{30.0};
  units::Millimetres radius{15.0};
  // Extra stiffness while fully taut, relative to the tissue around it (1.5 = 2.5 times as stiff).
  double extra_stiffness = 1.5;
};

struct BodyConfig {
  bool seated = true;
  // Where the top of the shoulders meets the track; above it there is nothing to touch.
  units::Millimetres shoulder_travel{440.0};
  // Where the backrest meets the seat.
  units::Millimetres seat_travel{1000.0};
  // How far above the seat the person's back ends, at the sacrum: their spine runs from the
  // shoulders down to there (the lumbar curve ends there), and below it their back curves away
  // from the backrest over a few centimetres, as it does over the shoulders (a back shorter than
  // the chair is built for, above a deep seat cushion). 0: the back reaches down into the seat.
  units::Millimetres back_end_above_seat{0.0};
  // How far forward of the backrest the person sits: their pelvis is this far from it, so that
  // their back, still resting against the rollers at the shoulders, leans away from them more and
  // more toward the seat. 0: sitting back against the backrest.
  units::Millimetres sitting_forward{0.0};
  // Multiplies every tissue's stiffness: 0.5 for a slight, soft person, 2 for a very firm one.
  double stiffness_scale = 1.0;
  std::vector<Nodule> nodules{};
};

// Presets for people of 140-185 cm: a taller back puts the shoulders higher up the track.
enum class BodySize { small, medium, large };
BodyConfig body_of_size(BodySize size);

// Throws std::invalid_argument naming the field, its value and the allowed range.
void check_body(const BodyConfig& body);

}  // namespace sim
