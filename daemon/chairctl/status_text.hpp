#pragma once

#include <string>

#include <nlohmann/json.hpp>

// What chairctl prints for people: the daemon's answers (docs/api.md) as short aligned text.
namespace chairctl {

// "3:07" for 187 s; "1:02:05" past an hour.
[[nodiscard]] std::string clock_text(double seconds);

// chair.status: the chair's state, why, the latch, a fault, the session.
[[nodiscard]] std::string status_text(const nlohmann::json& status);
// The session's progress in one sentence: "Quick relief: step 3 of 9, compression at T4,
// rhomboid, both sides, intensity 4".
[[nodiscard]] std::string progress_text(const nlohmann::json& progress);

// How the body scan placed the person's back, once it has: "shoulders at 437 mm, the back
// leaving the rollers at 860 mm, levels C7 to S1 down to 840 mm"; empty before.
[[nodiscard]] std::string fit_text(const nlohmann::json& progress);
// A part of the program skipped for want of a back (an entry of the progress's "skipped"):
// "step 2, rolling: no contact below L3: the rest of the stroke is skipped".
[[nodiscard]] std::string skipped_text(const nlohmann::json& part);

// programs.list: one line per program.
[[nodiscard]] std::string programs_text(const nlohmann::json& list);
// programs.describe: the program and its steps.
[[nodiscard]] std::string program_text(const nlohmann::json& details);
// One step of a program in words: "compression at T4, rhomboid, intensity 4, held 45 s".
[[nodiscard]] std::string step_text(const nlohmann::json& step);

// faults.list.
[[nodiscard]] std::string faults_text(const nlohmann::json& faults);
// diagnostics.axes and diagnostics.buses (with diagnostics.loop).
[[nodiscard]] std::string axes_text(const nlohmann::json& axes);
[[nodiscard]] std::string statistics_text(const nlohmann::json& buses, const nlohmann::json& loop);

}  // namespace chairctl
