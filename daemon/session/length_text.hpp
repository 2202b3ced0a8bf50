#pragma once

#include <cstdio>
#include <string>

#include "units/units.hpp"

namespace session {

// A position or distance as messages show it: "432 mm".
inline std::string whole_mm(units::Millimetres v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.0f mm", v.value());
  return text;
}

// The same to a tenth of a millimetre, where placement is the point: "432.5 mm".
inline std::string tenth_mm(units::Millimetres v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f mm", v.value());
  return text;
}

}  // namespace session
