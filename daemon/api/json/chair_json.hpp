#pragma once

#include <chrono>
#include <optional>

#include <nlohmann/json.hpp>

#include "daemon/control/chair_state.hpp"
#include "daemon/safety/fault.hpp"
#include "drives/drives_view.hpp"

// The chair's state as the API shows it (docs/api.md, chair.status and the status topic).
namespace massaged {

// "2026-05-04T10:15:30.250Z".
[[nodiscard]] std::string utc_text(std::chrono::system_clock::time_point time);

// When something that happened at `then` on the steady clock happened on the wall clock.
[[nodiscard]] std::chrono::system_clock::time_point wall_time_of(
    std::chrono::steady_clock::time_point then, std::chrono::steady_clock::time_point steady_now,
    std::chrono::system_clock::time_point wall_now);

// The fault's kind as the API names it: "stall", "over_temperature", "force_above_the_ceiling"...
[[nodiscard]] std::string fault_kind_id(safety::FaultKind kind);

// {"kind", "axis", "bus", "unit", "summary", "detail"}; "axis" is null for a fault of no axis.
[[nodiscard]] nlohmann::json fault_json(const safety::Fault& fault);

// The status topic's fields: state, description, cause, latched, fault, since.
[[nodiscard]] nlohmann::json status_json(const control::ChairStatus& status,
                                         std::chrono::system_clock::time_point since);

// {"transactions", "timeouts", "bad_frames", "exceptions", "disconnections", "reconnects",
// "time_us": {"count", "p50", "p99", "max"}}.
[[nodiscard]] nlohmann::json statistics_json(const hal::TransactionStatistics& statistics);

}  // namespace massaged
