#include "daemon/api/methods/chair_methods.hpp"

#include <spdlog/spdlog.h>

#include "daemon/api/json/chair_json.hpp"
#include "daemon/api/json/command_answer.hpp"
#include "daemon/api/transport/method_params.hpp"

namespace massaged {

using nlohmann::json;

namespace {

constexpr std::size_t kLongestReason = 200;

json emergency_stop(control::ChairCommands& controller, const json& params, const Caller& caller) {
  // Read without failing: a malformed reason must never keep the chair from stopping.
  std::string source = caller.describe();
  if (params.is_object()) {
    const auto reason = params.find("reason");
    if (reason != params.end() && reason->is_string()) {
      source += ": " + reason->get<std::string>().substr(0, kLongestReason);
    }
  }
  controller.emergency_stop(source);
  spdlog::warn("emergency stop requested by {}", source);
  return json{{"message",
               "emergency stop: every drive quick-stops and the rollers retract; once the cause "
               "is gone, reset the chair (chair.reset, chairctl reset)"},
              {"source", source}};
}

JsonRpcDispatcher::Result reset(control::ChairCommands& controller, const json& params,
                                const Caller& caller) {
  const MethodParams p("chair.reset", params, {});
  const auto status = controller.status();
  // A person may clear a stop they pressed themselves; a fault is a technician's to clear.
  if (status.state == control::ChairState::fault && !grants(caller.role, ApiRole::technician)) {
    throw JsonRpcError(JsonRpcErrorCode::forbidden,
                       "the chair has a fault (" + status.describe() +
                           "); clearing a fault needs the technician role; call a technician",
                       json{{"method", "chair.reset"},
                            {"required_role", "technician"},
                            {"role", to_string(caller.role)},
                            {"uid", caller.credentials.uid},
                            {"state", "fault"}});
  }
  spdlog::info("reset requested by {}", caller.describe());
  return command_answer(controller.reset(), controller, "the reset", kResetPatience);
}

}  // namespace

json chair_status_json(const control::ChairCommands& controller, const json& session) {
  const auto status = controller.status();
  const auto steady_now = std::chrono::steady_clock::now();
  auto out =
      status_json(status, wall_time_of(status.since, steady_now, std::chrono::system_clock::now()));
  out["in_state_s"] = std::chrono::duration<double>(steady_now - status.since).count();
  out["session"] = session;
  out["session_remaining_s"] =
      std::chrono::duration<double>(controller.session_remaining()).count();
  return out;
}

void add_chair_methods(JsonRpcDispatcher& rpc, ChairMethodsContext context) {
  auto& controller = *context.controller;
  rpc.add_urgent_method("chair.emergency_stop", ApiRole::anyone,
                        [&controller](const json& params, const Caller& caller) {
                          return emergency_stop(controller, params, caller);
                        });
  rpc.add_method("chair.reset", ApiRole::panel,
                 [&controller](const json& params, const Caller& caller) {
                   return reset(controller, params, caller);
                 });
  rpc.add_method("chair.status", ApiRole::panel,
                 [&controller, session = context.session](const json& params, const Caller&) {
                   const MethodParams p("chair.status", params, {});
                   return chair_status_json(controller, session ? session() : json());
                 });
}

}  // namespace massaged
