#pragma once

#include <string>
#include <variant>

#include "daemon/anatomy/muscle.hpp"
#include "units/units.hpp"

// Where across the back a technique works: a muscle, which the chair finds in its band beside
// the spine, or a distance from the spine's midline. Each roller of the pair works at this
// distance on its own side.
namespace programs {

using LateralTarget = std::variant<anatomy::Muscle, units::Millimetres>;

// The distance from the midline a roller aims at: a distance as written; for a muscle, the
// middle of the part of its band that lies at least `midline_distance` from the midline, so
// that a muscle close to the spine (multifidus, 1–3 cm) is worked at its outer edge, never on
// the spinous processes. A muscle wholly inside `midline_distance` yields `midline_distance`;
// programs that name one are refused before they run.
units::Millimetres lateral_distance(const LateralTarget& target,
                                    units::Millimetres midline_distance);

// "longissimus" or "3.5 cm".
std::string to_string(const LateralTarget& target);
// "3.5 cm", the way programs write distances.
std::string centimetres(units::Millimetres distance);

}  // namespace programs
