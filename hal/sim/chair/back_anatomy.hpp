#pragma once

#include <optional>

#include "sim/chair/body_config.hpp"

// The shape and firmness of a seated back as the roller pair meets it: pure functions of the
// body and of where the rollers are. All lengths in mm, stiffness in N/mm for the pair.
namespace sim {

// The depth-axis position at which the rollers touch the back at `travel`, with each roller
// `lateral_offset` from the midline; nullopt where there is nothing to touch (above the
// shoulders). The thoracic spine bows toward the rollers, the lumbar spine away from them, the
// top of the shoulders rounds off over a few centimetres, and the spine lies in a shallow groove
// between the paraspinal muscles. A back that ends above the seat curves away below its end; a
// person sitting forward leans away from the rollers toward the seat.
std::optional<double> surface_depth(const BodyConfig& body, double travel, double lateral_offset);

// Stiffness of the tissue under the rollers, averaged over a roller's footprint (its width across
// the back, its contact along the track), before nodules and the body's stiffness scale: bone on
// the spine's midline and at the shoulder blade's inner edge, soft over the paraspinal muscles and
// the kidneys, firmer over the ribs.
double tissue_stiffness(const BodyConfig& body, double travel, double lateral_offset);

// The parts of the back along the spine, as this body's own anatomy lays them out: the base of
// the neck above the top of the shoulders, the thoracic spine down to about T12, the kidney zone
// (T12 to L3, where the kidneys lie under the flanks), and the lumbar spine and sacrum below it.
enum class BackRegion { neck, thoracic, kidney_zone, lumbar };
BackRegion back_region(const BodyConfig& body, double travel);

// Where the person's back ends on the track (the sacrum): the seat, or above it.
double back_end(const BodyConfig& body);

// Where `travel` lies between the top of the shoulders (0) and the back's end (1).
double back_fraction(const BodyConfig& body, double travel);

// How much farther from the rollers the back lies at `travel` because the person sits forward:
// nothing at the shoulders, growing evenly to BodyConfig::sitting_forward at the seat.
double lean(const BodyConfig& body, double travel);

}  // namespace sim
