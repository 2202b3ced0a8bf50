#pragma once

#include <chrono>
#include <variant>
#include <vector>

#include "daemon/anatomy/muscle.hpp"
#include "daemon/anatomy/vertebral_level.hpp"
#include "daemon/programs/intensity.hpp"
#include "daemon/programs/lateral_target.hpp"
#include "daemon/programs/level_span.hpp"
#include "units/units.hpp"

// The steps of a massage program, in anatomical terms: what the rollers do and where on the
// back. Values here have passed every check of the program's file (docs/programs.md); the
// executor fits them to the body in the chair.
namespace programs {

// Ischemic compression (trigger-point pressure release): the rollers press square onto one
// point, raise the pressure in `increments` equal rises to `intensity` while holding, then ease
// off over `release`; `repeats` times.
struct Compression {
  anatomy::VertebralLevel level;
  // Which side the therapist meant. A symmetric pair of rollers works both sides at once; the
  // side is kept for progress reports and for chairs whose rollers can shift to one side.
  anatomy::Side side;
  LateralTarget target;
  Intensity intensity;
  std::chrono::seconds hold;
  int increments;
  std::chrono::seconds release;
  int repeats;
  bool operator==(const Compression&) const = default;
};

// Rolling (stroking) along the muscle: `passes` runs over the span, alternately down and up,
// starting at the top.
struct Rolling {
  LevelSpan span;
  LateralTarget target;
  Intensity intensity;
  units::MillimetresPerSecond speed;
  int passes;
  bool operator==(const Rolling&) const = default;
};

// Kneading: circles of `width` across the back, centred on the target, worked over the span.
// `speed` counts whole circles per minute.
struct Kneading {
  LevelSpan span;
  LateralTarget target;
  units::Millimetres width;
  Intensity intensity;
  units::Rpm speed;
  std::chrono::seconds duration;
  bool operator==(const Kneading&) const = default;
};

// Tapping (percussion) over the span.
struct Tapping {
  LevelSpan span;
  LateralTarget target;
  Intensity intensity;
  double frequency_hz;
  std::chrono::seconds duration;
  bool operator==(const Tapping&) const = default;
};

// The rollers stand back off the body.
struct Rest {
  std::chrono::seconds duration;
  bool operator==(const Rest&) const = default;
};

struct StepGroup;

using Step = std::variant<Compression, Rolling, Kneading, Tapping, Rest, StepGroup>;

// Steps done in order, then again, `repeats` times in all.
struct StepGroup {
  int repeats;
  std::vector<Step> steps;
  friend bool operator==(const StepGroup& a, const StepGroup& b);
};

}  // namespace programs
