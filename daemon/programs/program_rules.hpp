#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "daemon/anatomy/muscle.hpp"
#include "daemon/programs/intensity.hpp"
#include "daemon/programs/lateral_target.hpp"
#include "daemon/programs/level_span.hpp"
#include "daemon/programs/program_limits.hpp"

// What makes a well-formed step impossible or unsafe on a body: each rule returns what is wrong
// and what to do, or nullopt when the step keeps it. The program reader places each message at
// the key it concerns.
namespace programs {

// A target on the spine's midline: a distance under the limit, or a muscle that lies wholly
// inside it.
std::optional<std::string> midline_breach(const LateralTarget& target, const ProgramLimits& limits);

// A muscle aimed at levels it does not reach (the rhomboid at L2).
std::optional<std::string> muscle_reach_breach(anatomy::Muscle muscle, const LevelSpan& span);

// A span written bottom first; the message is for the `bottom` key.
std::optional<std::string> span_order_breach(const LevelSpan& span);

// Rolling needs somewhere to roll; the message is for the `bottom` key.
std::optional<std::string> rolling_span_breach(const LevelSpan& span);

// Pressure above gentle over the kidney zone (T12 to L3).
std::optional<std::string> kidney_pressure_breach(const LevelSpan& span, Intensity intensity,
                                                  const ProgramLimits& limits);

// Tapping anywhere over the kidney zone: refused outright.
std::optional<std::string> kidney_tapping_breach(const LevelSpan& span);

// A static hold over the cap.
std::optional<std::string> hold_breach(std::chrono::seconds hold, const ProgramLimits& limits);

// Kneading circles whose inner edge swings onto the midline.
std::optional<std::string> kneading_reach_breach(const LateralTarget& target,
                                                 units::Millimetres width,
                                                 const ProgramLimits& limits);

// A program whose steps outlast the session.
std::optional<std::string> session_breach(std::chrono::milliseconds estimate,
                                          const ProgramLimits& limits);

}  // namespace programs
