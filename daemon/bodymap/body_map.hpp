#pragma once

#include <array>
#include <optional>

#include "daemon/anatomy/vertebral_level.hpp"
#include "units/units.hpp"

// Where the vertebral levels of the person in the chair lie along the roller track.
//
// A body scan finds the top of the shoulders (the person may nudge it); the seat's position on
// the track is a property of the chair, and S1 lies a fixed distance above it. Levels are placed
// by proportion between the two, with the typical relative heights of the vertebrae, as chairs
// do: a taller back stretches every segment alike. When the scan found the back leaving the
// rollers higher above the seat than that (a person sitting forward, a back shorter than the
// chair assumes), the levels are fitted between the shoulders and a little above where it leaves
// them instead (kBackEndMargin), so that the program's lowest levels land where the rollers still
// press the back with ease. Travel positions grow from the top of the track toward the seat.
namespace bodymap {

struct ChairGeometry {
  // Where the seat meets the backrest, on the travel axis.
  units::Millimetres seat_travel{1000};
  // C7 lies this far below the top of the shoulders; S1 this far above the seat.
  units::Millimetres c7_below_shoulder{20};
  units::Millimetres s1_above_seat{80};
};

// S1 lies this far above where the back leaves the rollers, when the levels are fitted to it.
inline constexpr units::Millimetres kBackEndMargin{20.0};

class BodyMap {
 public:
  // `back_end`: where the scan found the back leaving the rollers near the seat, if it did; S1
  // goes kBackEndMargin above it when that lies above where the chair's geometry puts S1. Throws
  // std::invalid_argument when the shoulders are not above S1 by enough to place the spine (the
  // scan found something other than a seated back).
  BodyMap(units::Millimetres shoulder_travel, const ChairGeometry& geometry,
          std::optional<units::Millimetres> back_end = std::nullopt);

  [[nodiscard]] units::Millimetres shoulder_travel() const { return shoulder_; }
  // Where the back leaves the rollers, when the levels were fitted to it; none when S1 is where
  // the chair's geometry puts it.
  [[nodiscard]] std::optional<units::Millimetres> back_end() const { return back_end_; }
  [[nodiscard]] units::Millimetres travel_of(anatomy::VertebralLevel level) const;
  // The level nearest to a travel position (C7 above the neck, S1 below the sacrum).
  [[nodiscard]] anatomy::VertebralLevel level_at(units::Millimetres travel) const;
  // The region a roller at `travel` works on. Fitted to where the back leaves the rollers, it is
  // the kidney zone wherever either placement (fitted, or the chair's geometry) puts it.
  [[nodiscard]] anatomy::Region region_at(units::Millimetres travel) const;

 private:
  using Placement = std::array<units::Millimetres, anatomy::kLevelCount>;
  // The levels spread by proportion from C7 to S1.
  static Placement placed(units::Millimetres c7, units::Millimetres s1);
  static anatomy::VertebralLevel nearest(const Placement& travel_of, units::Millimetres travel);

  units::Millimetres shoulder_;
  std::optional<units::Millimetres> back_end_;
  Placement travel_{};
  // Where the chair's geometry puts the levels, when they were fitted to the back's end instead.
  std::optional<Placement> unfitted_;
};

}  // namespace bodymap
