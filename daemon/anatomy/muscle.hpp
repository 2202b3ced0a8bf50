#pragma once

#include <optional>
#include <string_view>

#include "daemon/anatomy/vertebral_level.hpp"
#include "units/units.hpp"

// The paraspinal muscles a roller works, and where they lie beside the spine (docs/programs.md,
// "Where on the back", lists each band).
namespace anatomy {

enum class Muscle { multifidus, longissimus, iliocostalis, rhomboid };

enum class Side { left, right, both };

// Distances from the spine's midline, measured across the back.
struct LateralBand {
  units::Millimetres nearest;
  units::Millimetres farthest;
  [[nodiscard]] units::Millimetres middle() const { return (nearest + farthest) / 2.0; }
};

struct VerticalSpan {
  VertebralLevel top;
  VertebralLevel bottom;
  [[nodiscard]] bool contains(VertebralLevel level) const {
    return level >= top && level <= bottom;
  }
};

LateralBand lateral_band(Muscle muscle);
// The levels at which a roller can reach the muscle.
VerticalSpan vertical_span(Muscle muscle);

std::string_view to_string(Muscle muscle);
std::optional<Muscle> parse_muscle(std::string_view text);
std::string_view to_string(Side side);
std::optional<Side> parse_side(std::string_view text);

}  // namespace anatomy
