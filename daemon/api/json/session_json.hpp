#pragma once

#include <optional>

#include <nlohmann/json.hpp>

#include "daemon/safety/decision.hpp"
#include "daemon/session/session_progress.hpp"

// The session's progress as the API shows it (session.progress, chair.status's "session", the
// progress topic). Times are whole seconds and the force tenths of a newton, so that the topic
// changes only as often as a person can see a difference.
namespace massaged {

// `decision` is the supervisor's latest (for the contact force the rollers hold); none when the
// chair is not running a session.
[[nodiscard]] nlohmann::json progress_json(const session::SessionProgress& progress,
                                           const std::optional<safety::Decision>& decision);

}  // namespace massaged
