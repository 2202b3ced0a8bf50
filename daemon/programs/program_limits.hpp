#pragma once

#include <chrono>

#include "daemon/programs/intensity.hpp"
#include "units/units.hpp"

// The safety limits a program must keep before it may start. The daemon fills them from its
// safety configuration; the defaults are the safety supervisor's defaults, so that a program
// checked on an OEM's desk is checked as the chair will check it.
namespace programs {

struct ProgramLimits {
  // No roller aims closer than this to the spine's midline (the spinous processes).
  units::Millimetres midline_distance{25};
  // The longest static hold on one point (ischemic compression is held 30–60 s; 90 s studied).
  std::chrono::seconds longest_hold{90};
  // The daemon ends every session after this long; a program must fit in it.
  std::chrono::minutes session_limit{30};
  // The firmest intensity allowed over the kidney zone (T12 to L3): no deep pressure there.
  Intensity gentle{3};
};

}  // namespace programs
