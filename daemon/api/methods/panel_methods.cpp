#include "daemon/api/methods/panel_methods.hpp"

#include "daemon/api/transport/method_params.hpp"

namespace massaged {

using nlohmann::json;

void add_panel_methods(JsonRpcDispatcher& rpc, PanelGuard& guard) {
  rpc.add_method("panel.heartbeat", ApiRole::panel,
                 [&guard](const json& params, const Caller& caller) {
                   const MethodParams p("panel.heartbeat", params, {});
                   return guard.heard(caller);
                 });
}

}  // namespace massaged
