#pragma once

#include <functional>

#include <nlohmann/json.hpp>

#include "daemon/api/transport/json_rpc_dispatcher.hpp"
#include "daemon/control/chair_commands.hpp"

// The chair as a whole:
//   chair.status          panel      state, cause, latch, fault, the session and its time left
//   chair.emergency_stop  anyone     urgent: every drive quick-stops from the API's reading
//                                    thread the moment the line arrives; idempotent
//   chair.reset           panel      clears the latch once its cause is gone: the panel may
//                                    clear an emergency stop or the start-up latch, a fault
//                                    needs a technician
namespace massaged {

struct ChairMethodsContext {
  control::ChairCommands* controller = nullptr;
  // The session's progress (session.progress's result), null when there is no session.
  std::function<nlohmann::json()> session;
};

// `context`'s objects must outlive the dispatcher's use.
void add_chair_methods(JsonRpcDispatcher& rpc, ChairMethodsContext context);

// chair.status's result.
[[nodiscard]] nlohmann::json chair_status_json(const control::ChairCommands& controller,
                                               const nlohmann::json& session);

}  // namespace massaged
