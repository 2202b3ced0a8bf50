#include "daemon/session/shoulder_position.hpp"

#include <cstdlib>
#include <stdexcept>

#include "units/quantity_text.hpp"

namespace session {

result::Expected<bodymap::BodyMap, std::string> fit_body(
    const ShoulderPosition& shoulder, const bodymap::ChairGeometry& geometry,
    const safety::Calibration& calibration, std::optional<units::Millimetres> back_end) {
  const auto travel = shoulder.travel();
  if (!calibration.travel.contains(travel)) {
    return result::unexpected("a shoulder position of " + units::mm_text(travel, 0) +
                              " lies outside the rollers' travel of " +
                              units::mm_text(calibration.travel.min, 0) + " to " +
                              units::mm_text(calibration.travel.max, 0) +
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
        units::mm_text(kNudgeStep * std::abs(shoulder.nudge_steps), 0) +
        (shoulder.nudge_steps < 0 ? " above" : " below") + " where the scan found it, the most " +
        "a nudge may move it; if the rollers still miss your shoulders, stop and scan again");
  }
  if (auto body = fit_body(moved, geometry, calibration, back_end); !body) {
    return result::unexpected(body.error());
  }
  return moved;
}

}  // namespace session
