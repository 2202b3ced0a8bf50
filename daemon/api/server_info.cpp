#include "daemon/api/server_info.hpp"

namespace massaged {

std::string_view to_string(DaemonState state) {
  switch (state) {
    case DaemonState::starting:
      return "starting";
    case DaemonState::ready:
      return "ready";
    case DaemonState::stopping:
      return "stopping";
  }
  return "unknown";
}

void add_server_info_method(JsonRpcDispatcher& rpc, std::function<DaemonState()> state) {
  rpc.add_method("server.info", [state = std::move(state)](const nlohmann::json& params) {
    expect_no_params("server.info", params);
    return nlohmann::json{{"name", "massaged"},
                          {"version", MASSAGED_VERSION},
                          {"api_version", kApiVersion},
                          {"state", to_string(state())}};
  });
}

}  // namespace massaged
