#pragma once

#include <chrono>
#include <optional>

#include "units/units.hpp"

// How fast rollers pressing the back may move along it. The depth drive gives way to a back that
// comes toward the rollers only as fast as its force mode allows, so where the back does that
// steeply (its curve where it ends near the seat, the edge of a shoulder blade) the contact
// force rises above its target. Once it is more than a leeway above the target, the rollers slow
// down, evenly until it is twice the leeway above, down to their slowest (kSlowest unless told;
// never to a standstill: the controller's following-error watch would take a carriage still
// slowing down for one running away); they regain their speed at most kPaceRise per second, so
// as not to surge back into it. Where the region's ceiling is nearer the target than two
// leeways (the kidney zone), the leeway shrinks so that they are at their slowest by the
// ceiling, though never below the load cell's noise (pressing_pace.cpp).
namespace session {

inline constexpr units::MillimetresPerSecond kSlowest{5.0};
inline constexpr double kPaceRise = 5.0;  // mm/s each second
// Where they had to look for the back, which may come toward them steeply there, rollers go on
// from this pace.
inline constexpr units::MillimetresPerSecond kCarefulPace = kSlowest;
// The leeway of rollers working the back along a span: a force this far above the target is
// still a massage; well short of where the chair faults.
inline constexpr units::Newtons kWorkingLeeway{5.0};

class PressingPace {
 public:
  explicit PressingPace(units::Newtons leeway, units::MillimetresPerSecond slowest = kSlowest)
      : leeway_(leeway), slowest_(slowest) {}

  // The speed for this cycle: `wanted`, eased for the contact force against its target and the
  // ceiling of the force where the rollers are.
  units::MillimetresPerSecond next(units::MillimetresPerSecond wanted, units::Newtons force,
                                   units::Newtons target, units::Newtons ceiling,
                                   std::chrono::nanoseconds dt);
  // The rollers go on from `pace`: slowly where the back may come toward them steeply.
  void go_on_from(units::MillimetresPerSecond pace) { pace_ = pace; }

 private:
  units::Newtons leeway_;
  units::MillimetresPerSecond slowest_;
  std::optional<units::MillimetresPerSecond> pace_;
};

}  // namespace session
