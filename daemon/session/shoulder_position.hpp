#pragma once

#include <optional>
#include <string>

#include "daemon/bodymap/body_map.hpp"
#include "daemon/model/calibration.hpp"
#include "result/expected.hpp"
#include "units/units.hpp"

// Where the top of the person's shoulders lies on the track: what the body scan found, and the
// person's own correction of it. Scans miss (the shoulder blade's edge taken for the shoulders'
// top), and the same person is usually missed the same way, so the correction is what is kept
// for them between sessions and added to every fresh scan (docs/sessions.md).
namespace session {

// One nudge moves the shoulder position this far along the track.
inline constexpr units::Millimetres kNudgeStep{10.0};
// A correction of more than this many steps either way means the scan found something else
// entirely: scan again instead.
inline constexpr int kMostNudgeSteps = 5;

struct ShoulderPosition {
  units::Millimetres scanned{0.0};  // where the body scan found the top of the shoulders
  int nudge_steps = 0;              // the person's correction; positive: down the back

  [[nodiscard]] units::Millimetres travel() const { return scanned + kNudgeStep * nudge_steps; }
  bool operator==(const ShoulderPosition&) const = default;
};

// The body map for a shoulder position, its levels fitted down to `back_end` when the scan
// found the back leaving the rollers there (bodymap::BodyMap): refused, saying what to do, when
// the position lies outside the chair's travel range or leaves too little of the back below it.
result::Expected<bodymap::BodyMap, std::string> fit_body(
    const ShoulderPosition& shoulder, const bodymap::ChairGeometry& geometry,
    const safety::Calibration& calibration,
    std::optional<units::Millimetres> back_end = std::nullopt);

// The position moved by `steps` nudges (negative: up toward the neck); refused when the
// correction would pass kMostNudgeSteps either way or the body would no longer fit.
result::Expected<ShoulderPosition, std::string> nudged(
    const ShoulderPosition& shoulder, int steps, const bodymap::ChairGeometry& geometry,
    const safety::Calibration& calibration,
    std::optional<units::Millimetres> back_end = std::nullopt);

}  // namespace session
