#pragma once

#include <cstdio>
#include <string>

#include "units/units.hpp"

// Quantities as the messages a person reads show them. Tests and people compare these texts, so
// every message formats a number the same way.
namespace units {

// A number to `decimals` places: "12.5".
inline std::string decimal_text(double v, int decimals = 1) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", decimals, v);
  return text;
}

// A position or distance: "432.5 mm"; "432 mm" with no decimals, where a whole millimetre is
// enough.
inline std::string mm_text(Millimetres v, int decimals = 1) {
  return decimal_text(v.value(), decimals) + " mm";
}

}  // namespace units
