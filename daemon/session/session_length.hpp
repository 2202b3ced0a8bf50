#pragma once

#include <chrono>

#include "daemon/programs/program.hpp"
#include "daemon/safety/safety_limits.hpp"

// How long a session must last for its program to run to its end. A program's estimated
// duration (daemon/programs/duration_estimate.hpp) counts its techniques only; the session also
// holds the body scan and the carriage's moves from one step to the next. A program longer than
// the configured session gets the session extended in the controller's 5-minute steps before it
// starts, never beyond the configured maximum: the session timer stays the daemon's.
namespace session {

// What the body scan takes, at most, on any body the chair fits: the longest is a person sitting
// forward, whose back the rollers look for slowly from where the chair puts S1.
inline constexpr std::chrono::seconds kScanAllowance{120};
// What moving to a step's place and finding the back takes, at most, per step.
inline constexpr std::chrono::seconds kMoveAllowance{6};

[[nodiscard]] std::chrono::milliseconds session_needed(const programs::Program& program);

// The controller's extensions (ChairController::extend_session) the session needs beyond the
// configured length; more than the maximum allows when the program cannot fit at all.
[[nodiscard]] int extensions_needed(const programs::Program& program,
                                    const safety::SafetyLimits& limits);

}  // namespace session
