#include "daemon/programs/level_span.hpp"

namespace programs {

bool reaches(const LevelSpan& span, anatomy::Region region) {
  for (auto i = anatomy::index_of(span.top); i <= anatomy::index_of(span.bottom); ++i) {
    if (anatomy::region_of(anatomy::level_at(i)) == region) return true;
  }
  return false;
}

std::string to_string(const LevelSpan& span) {
  if (span.top == span.bottom) return anatomy::to_string(span.top);
  return anatomy::to_string(span.top) + " to " + anatomy::to_string(span.bottom);
}

}  // namespace programs
