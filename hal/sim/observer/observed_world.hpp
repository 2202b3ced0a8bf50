#pragma once

#include <array>
#include <chrono>
#include <optional>

#include "profile/axis_kind.hpp"
#include "sim/chair/axis_truth.hpp"
#include "sim/chair/back_anatomy.hpp"
#include "sim/chair/body_config.hpp"
#include "units/units.hpp"

// One moment of the simulated world as the safety observer sees it: the truth of every axis, the
// body's own force on the rollers and the body itself. Nothing here is what a drive reports or
// what anyone commanded.
namespace sim {

struct ObservedWorld {
  std::chrono::nanoseconds now{0};
  std::array<AxisTruth, hal::kAllAxisKinds.size()> axes{};  // in hal::kAllAxisKinds order
  // The back pressing on the rollers (a technician's reference load is not a person).
  units::Newtons contact{0.0};
  const BodyConfig* body = nullptr;

  [[nodiscard]] const AxisTruth& axis(hal::AxisKind kind) const {
    return axes[static_cast<std::size_t>(kind)];
  }
  [[nodiscard]] units::Millimetres travel() const { return axis(hal::AxisKind::travel).position; }
  // Each roller's centre from the midline: half the spacing of the pair.
  [[nodiscard]] units::Millimetres lateral() const {
    return axis(hal::AxisKind::width).position / 2.0;
  }
  [[nodiscard]] units::Millimetres depth() const { return axis(hal::AxisKind::depth).position; }
};

// What lies under the rollers at that moment, worked out once per step for every rule.
struct UnderRollers {
  bool touching = false;
  std::optional<BackRegion> region;  // none when nobody is seated
  // How far the back lies in front of the rollers (negative: pressed into it); none where there
  // is no back to touch, or when not asked for.
  std::optional<units::Millimetres> gap;
};

// `with_gap`: also work out the gap (the back's surface costs a few transcendental functions; only
// the tapping rule needs it, and only while the tapping eccentric turns).
UnderRollers under_rollers(const ObservedWorld& world, units::Newtons touch, bool with_gap);

}  // namespace sim
