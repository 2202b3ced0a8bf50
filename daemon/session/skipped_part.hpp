#pragma once

#include <chrono>
#include <cstddef>
#include <string>

#include "daemon/anatomy/vertebral_level.hpp"
#include "units/units.hpp"

// A part of a program the rollers could not work because they found no back there: a person
// sitting forward, or a back that ends higher above the seat than the chair assumes, leaves
// nothing to touch near the seat. The step's runner gives up after a bounded search for the back
// (contact_press.hpp), skips the part without it and says so; the progress and the log show it.
namespace session {

// Where the back was missing, from the level named.
enum class MissingBack {
  at,     // at the level itself: a compression's spot, the start of a stroke or a sweep
  below,  // below the level (toward the seat): the back left the rollers on the way down
  above,  // above it (toward the neck)
};

// What the runner skipped.
enum class SkippedWork {
  rest_of_step,    // the rest of the step: it goes on with the program's next step
  rest_of_stroke,  // the strokes turn back where the back was lost, for the rest of the step
  rest_of_sweep,   // the sweep stays on the part of its span with a back, for the rest of the step
  hold,            // a "hold here": the program goes on
};

struct SkippedPart {
  std::size_t step = 0;   // from 1, as the progress counts steps
  std::string technique;  // "rolling", "compression"...
  anatomy::VertebralLevel level = anatomy::VertebralLevel::S1;
  MissingBack where = MissingBack::at;
  // On the track: the spot without a back (at), or the last place the rollers touched it
  // before it went (below, above).
  units::Millimetres travel{0.0};
  SkippedWork what = SkippedWork::rest_of_step;
  std::chrono::nanoseconds at{0};  // run time of the program when it was skipped
  bool operator==(const SkippedPart&) const = default;
};

// Strokes and sweeps that lost the back on the way turn this far short of where the rollers last
// touched it within reach, for the rest of their step.
inline constexpr units::Millimetres kTurnShortBy{15.0};

// Why, for a person: "no contact below L3: the rest of the stroke is skipped".
[[nodiscard]] std::string reason(const SkippedPart& part);

}  // namespace session
