#include "daemon/api/methods/fault_methods.hpp"

#include "daemon/api/transport/method_params.hpp"

namespace massaged {

using nlohmann::json;

void add_fault_methods(JsonRpcDispatcher& rpc, const control::ChairCommands& controller,
                       const FaultHistory& history) {
  rpc.add_method("faults.list", ApiRole::panel,
                 [&controller, &history](const json& params, const Caller&) {
                   const MethodParams p("faults.list", params, {});
                   return history.to_json(controller.status());
                 });
}

}  // namespace massaged
