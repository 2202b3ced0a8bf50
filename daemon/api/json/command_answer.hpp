#pragma once

#include <chrono>
#include <future>
#include <string>

#include "daemon/api/transport/later_answer.hpp"
#include "daemon/control/chair_command.hpp"
#include "daemon/control/chair_commands.hpp"

// A command for the chair's control loop as an API answer: the loop takes it at its next cycle
// (a reset once the drives have enabled), so the answer comes later. Accepted, the result is
// {"message": what happens now}; refused, the error "refused" (-32002) with the chair's state
// and the reason, which says what to do.
namespace massaged {

// How long the API waits for the control loop to answer a command before saying it did not.
inline constexpr std::chrono::milliseconds kCommandPatience{5000};
inline constexpr std::chrono::milliseconds kResetPatience{15000};

[[nodiscard]] LaterAnswer command_answer(std::future<control::CommandReply> reply,
                                         const control::ChairCommands& controller,
                                         std::string waiting_for,
                                         std::chrono::milliseconds patience = kCommandPatience);

// The same for a reply already in (the session's live adjustments answer at once). Throws
// JsonRpcError when it was refused.
[[nodiscard]] nlohmann::json command_result(const control::CommandReply& reply,
                                            const control::ChairStatus& status);

}  // namespace massaged
