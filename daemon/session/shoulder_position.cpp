#include "daemon/session/shoulder_position.hpp"
#include "daemon/session/length_text.hpp"

#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace session {
namespace {}  // namespace

result::Expected<bodymap::BodyMap, std::string> fit_body(
    const ShoulderPosition& shoulder, const bodymap::ChairGeometry& geometry,
    const safety::Calibration& calibration, std::optional<units::Millimetres> back_end) {
  const auto travel = shoulder.travel();
  if (!calibration.travel.contains(travel)) {
    return result::unexpected(
        "a shoulder position of " + whole_mm(travel) + " lies outside the rollers' travel of " +
        whole_mm(calibration.travel.min) + " to " + whole_mm(calibration.travel.max) +
        "; scan again, or nudge the shoulders back");
  }
  try {
    return bodymap::BodyMap(travel, geometry, back_end);
  } catch (const std::invalid_argument& e) {
    return result::unexpected(std::string(e.what()));
  }
}

result::Expected<ShoulderPosition, std::string> nudged(const ShoulderPosition& shoulder, int steps,
                                                       const bodymap::ChairGeometry& geometry,
                                                       const safety::Calibration& calibration,
                                                       std::optional<units::Millimetres> back_end) {
  ShoulderPosition moved = shoulder;
  moved.nudge_steps += steps;
  if (std::abs(moved.nudge_steps) > kMostNudgeSteps) {
    return result::unexpected(
        "the shoulder position is already " +
        whole_mm(kNudgeStep * std::abs(shoulder.nudge_steps)) +
        (shoulder.nudge_steps < 0 ? " above" : " below") + " where the scan found it, the most " +
        "a nudge may move it; if the rollers still miss your shoulders, stop and scan again");
  }
  if (auto body = fit_body(moved, geometry, calibration, back_end); !body) {
    return result::unexpected(body.error());
  }
  return moved;
}

}  // namespace session
