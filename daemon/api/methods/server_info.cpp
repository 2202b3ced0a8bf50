#include "daemon/api/methods/server_info.hpp"

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
  rpc.answer_unknown_while([state] { return state() == DaemonState::starting; },
                           "the daemon is starting and does not offer this method yet; wait "
                           "until server.info says \"ready\"");
  rpc.add_method(
      "server.info", ApiRole::anyone,
      [state = std::move(state), &rpc](const nlohmann::json& params, const Caller& caller) {
        expect_no_params("server.info", params);
        // The methods this caller may call, so that a panel greys out what it cannot do.
        nlohmann::json allowed = nlohmann::json::array();
        for (const auto& method : rpc.methods()) {
          if (grants(caller.role, *rpc.role_of(method))) allowed.push_back(method);
        }
        return nlohmann::json{{"name", "massaged"},
                              {"version", MASSAGED_VERSION},
                              {"api_version", kApiVersion},
                              {"state", to_string(state())},
                              {"role", to_string(caller.role)},
                              {"uid", caller.credentials.uid},
                              {"methods", std::move(allowed)}};
      });
}

}  // namespace massaged
