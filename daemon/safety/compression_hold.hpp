#pragma once

#include <chrono>
#include <optional>

#include "clock/clock.hpp"
#include "units/units.hpp"

// A continuous compression on one spot must end within its limit (90 s at most: ischemic
// compression is held 30-60 s) and be followed by a release. This watches where the rollers
// press and for how long, from the measured contact force, and says when the pressure must come
// off. Lifting for a moment does not restart the count: only a release that lasts the configured
// release time, or moving to another spot, does.
namespace safety {

// A contact force at or above this counts as the rollers touching the back.
inline constexpr units::Newtons kTouchForce{3.0};
// Moving the rollers this far along the track or across it puts them on another spot.
inline constexpr units::Millimetres kSpotTravel{15.0};
inline constexpr units::Millimetres kSpotLateral{10.0};
// The release starts this long before the limit, so that the rollers are off the back by then.
inline constexpr std::chrono::seconds kReleaseLead{2};

class CompressionHold {
 public:
  using time_point = hal::Clock::time_point;

  CompressionHold(std::chrono::milliseconds max_hold, std::chrono::milliseconds release);

  // This cycle's contact force and where the rollers are.
  void observe(units::Newtons force, units::Millimetres travel, units::Millimetres lateral,
               time_point now);

  // The rollers must come off (or stay off) the spot they are on now.
  [[nodiscard]] bool must_release(time_point now) const;
  // How long the rollers have pressed on the present spot; none when not on one.
  [[nodiscard]] std::optional<std::chrono::nanoseconds> held_for(time_point now) const;

  [[nodiscard]] std::chrono::milliseconds max_hold() const { return max_hold_; }
  [[nodiscard]] std::chrono::milliseconds release() const { return release_; }

 private:
  struct Spot {
    units::Millimetres travel;
    units::Millimetres lateral;
    time_point since;                     // first contact on this spot
    std::optional<time_point> lifted_at;  // contact lost at, while it stays lost
    bool releasing = false;               // the limit was reached: no pressing here
  };

  std::chrono::milliseconds max_hold_;
  std::chrono::milliseconds release_;
  std::optional<Spot> spot_;
};

}  // namespace safety
