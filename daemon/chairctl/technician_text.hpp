#pragma once

#include <string>

#include <nlohmann/json.hpp>

// What chairctl prints for the technician's commands (docs/calibration.md).
namespace chairctl {

// A calibration step: its instruction, then what went wrong or what was found.
[[nodiscard]] std::string calibration_step_text(const nlohmann::json& step);
// calibration.diff: one line per value that changes, "travel.max_mm  1200.000 -> 1193.000".
[[nodiscard]] std::string diff_text(const nlohmann::json& diff);
// calibration.show: the file, whether it is whole, the values in use, the drive each part was
// measured on (or why it is not in use), a procedure under way.
[[nodiscard]] std::string calibration_text(const nlohmann::json& shown);
// diagnostics.registers: the drive, then one register a line: name, address, value.
[[nodiscard]] std::string registers_text(const nlohmann::json& read);
// diagnostics.self_test: one line per axis, then whether the chair passed.
[[nodiscard]] std::string self_test_text(const nlohmann::json& report);
// jog.confirm: "travel at 612.3 mm, going to 700.0 mm".
[[nodiscard]] std::string jog_text(const nlohmann::json& at);

}  // namespace chairctl
