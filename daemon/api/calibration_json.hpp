#pragma once

#include <nlohmann/json.hpp>

#include "daemon/calibration/guided_calibration.hpp"
#include "daemon/safety/calibration.hpp"

// The calibration as the API shows it (docs/api.md, calibration.*).
namespace massaged {

// {"valid", "travel": {"min_mm", "max_mm"}, "width": {...}, "depth": {...},
//  "force": {"offset_n", "gain"}}.
[[nodiscard]] nlohmann::json calibration_json(const safety::Calibration& calibration);

// What would change: [{"field": "force.gain", "current": 1.0, "staged": 1.0603}, ...], in the
// order of calibration_json; empty when nothing differs.
[[nodiscard]] nlohmann::json calibration_diff_json(const safety::Calibration& current,
                                                   const safety::Calibration& staged);

// A step of the procedure: {"procedure", "instruction", "measuring", "finished", "error",
// "result"}; "error" and "result" are null when empty.
[[nodiscard]] nlohmann::json step_json(const calibration::StepView& step);

}  // namespace massaged
