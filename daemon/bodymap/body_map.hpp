#pragma once

#include <array>

#include "daemon/anatomy/vertebral_level.hpp"
#include "units/units.hpp"

// Where the vertebral levels of the person in the chair lie along the roller track.
//
// A body scan finds the top of the shoulders (the person may nudge it); the seat's position on
// the track is a property of the chair. Levels are placed by proportion between the two, with
// the typical relative heights of the vertebrae, as chairs do: a taller back stretches every
// segment alike. Travel positions grow from the top of the track toward the seat.
namespace bodymap {

struct ChairGeometry {
  // Where the seat meets the backrest, on the travel axis.
  units::Millimetres seat_travel{1000};
  // C7 lies this far below the top of the shoulders; S1 this far above the seat.
  units::Millimetres c7_below_shoulder{20};
  units::Millimetres s1_above_seat{80};
};

class BodyMap {
 public:
  // Throws std::invalid_argument when the shoulders are not above the seat by enough to place
  // the spine (the scan found something other than a seated back).
  BodyMap(units::Millimetres shoulder_travel, const ChairGeometry& geometry);

  [[nodiscard]] units::Millimetres shoulder_travel() const { return shoulder_; }
  [[nodiscard]] units::Millimetres travel_of(anatomy::VertebralLevel level) const;
  // The level nearest to a travel position (C7 above the neck, S1 below the sacrum).
  [[nodiscard]] anatomy::VertebralLevel level_at(units::Millimetres travel) const;
  [[nodiscard]] anatomy::Region region_at(units::Millimetres travel) const;

 private:
  units::Millimetres shoulder_;
  std::array<units::Millimetres, anatomy::kLevelCount> travel_{};
};

}  // namespace bodymap
