#pragma once

#include <cstdio>
#include <string>

namespace safety {

// A measured value as fault and rule messages show it: one decimal ("12.5").
inline std::string one_decimal(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", v);
  return text;
}

}  // namespace safety
