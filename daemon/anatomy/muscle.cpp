#include "daemon/anatomy/muscle.hpp"

#include <array>
#include <utility>

namespace anatomy {
namespace {

using units::Millimetres;
using enum VertebralLevel;

struct MuscleFacts {
  Muscle muscle;
  std::string_view name;
  LateralBand band;
  VerticalSpan span;
};

// Lateral distances from the domain brief's table; the erector columns run from the sacrum to
// the neck, the rhomboids from C7–T5 toward the shoulder blade's inner edge.
constexpr std::array<MuscleFacts, 4> kMuscles = {{
    {Muscle::multifidus, "multifidus", {Millimetres(10), Millimetres(30)}, {C7, S1}},
    {Muscle::longissimus, "longissimus", {Millimetres(20), Millimetres(40)}, {C7, S1}},
    {Muscle::iliocostalis, "iliocostalis", {Millimetres(40), Millimetres(80)}, {C7, L5}},
    {Muscle::rhomboid, "rhomboid", {Millimetres(10), Millimetres(70)}, {C7, T5}},
}};

const MuscleFacts& facts(Muscle muscle) {
  for (const auto& f : kMuscles) {
    if (f.muscle == muscle) return f;
  }
  return kMuscles.front();
}

constexpr std::array<std::pair<Side, std::string_view>, 3> kSides = {
    {{Side::left, "left"}, {Side::right, "right"}, {Side::both, "both"}}};

}  // namespace

LateralBand lateral_band(Muscle muscle) { return facts(muscle).band; }
VerticalSpan vertical_span(Muscle muscle) { return facts(muscle).span; }
std::string_view to_string(Muscle muscle) { return facts(muscle).name; }

std::optional<Muscle> parse_muscle(std::string_view text) {
  for (const auto& f : kMuscles) {
    if (f.name == text) return f.muscle;
  }
  return std::nullopt;
}

std::string_view to_string(Side side) {
  for (const auto& [s, name] : kSides) {
    if (s == side) return name;
  }
  return "both";
}

std::optional<Side> parse_side(std::string_view text) {
  for (const auto& [s, name] : kSides) {
    if (name == text) return s;
  }
  return std::nullopt;
}

}  // namespace anatomy
