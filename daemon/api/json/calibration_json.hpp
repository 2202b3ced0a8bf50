#pragma once

#include <nlohmann/json.hpp>

#include "daemon/calibration/calibration_in_use.hpp"
#include "daemon/calibration/guided_calibration.hpp"
#include "daemon/model/calibration.hpp"

// The calibration as the API shows it (docs/api.md, calibration.*).
namespace massaged {

// {"valid", "travel": {"min_mm", "max_mm"}, "width": {...}, "depth": {...},
//  "force": {"offset_n", "gain"}}.
[[nodiscard]] nlohmann::json calibration_json(const safety::Calibration& calibration);

// What would change: [{"field": "force.gain", "current": 1.0, "staged": 1.0603}, ...], in the
// order of calibration_json; empty when nothing differs.
[[nodiscard]] nlohmann::json calibration_diff_json(const safety::Calibration& current,
                                                   const safety::Calibration& staged);

// calibration.show's "parts", in procedure order (force, travel, width, depth): {"part",
// "axis" (the drive it is measured on), "state" ("measured"; "replaced": its drive was replaced,
// so it is not used; "not measured": the mechanism's own value stands; "not recorded": a file of
// format 1, which does not say), "drive" (the drive it was measured on: {"serial" (null when the
// drive has no serial number register), "firmware"}, or null), "drive_in_place" (the same, as
// the drive in place identified itself; null until it has), "calibrated_at" (UTC, or null),
// "technician_uid" (or null), "problem" (null, or what happened and what to do)}.
[[nodiscard]] nlohmann::json parts_json(const calibration::CalibrationInUse& in_use);

// A step of the procedure: {"procedure", "instruction", "measuring", "finished", "error",
// "result"}; "error" and "result" are null when empty.
[[nodiscard]] nlohmann::json step_json(const calibration::StepView& step);

}  // namespace massaged
