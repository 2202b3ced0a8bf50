#pragma once

#include <string>

#include "daemon/anatomy/vertebral_level.hpp"

// A stretch of the back between two vertebral levels, both included, as a program names it:
// the upper end first. A span whose ends are the same level is that one level.
namespace programs {

struct LevelSpan {
  anatomy::VertebralLevel top;
  anatomy::VertebralLevel bottom;

  [[nodiscard]] bool contains(anatomy::VertebralLevel level) const {
    return level >= top && level <= bottom;
  }
  // True when `bottom` does not lie above `top`.
  [[nodiscard]] bool runs_down_the_back() const { return top <= bottom; }
  bool operator==(const LevelSpan&) const = default;
};

// Whether any level of the span lies in the region.
bool reaches(const LevelSpan& span, anatomy::Region region);

// "T2 to T7", or "T4" for a single level.
std::string to_string(const LevelSpan& span);

}  // namespace programs
