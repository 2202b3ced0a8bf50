#pragma once

#include <functional>
#include <string_view>

#include "daemon/api/transport/json_rpc_dispatcher.hpp"

// "server.info": who answers on the socket, whether it is ready, and what the caller may do.
// Clients connect as soon as the socket exists (with socket activation, before the daemon runs)
// and poll this until "state" is "ready".
namespace massaged {

enum class DaemonState { starting, ready, stopping };

std::string_view to_string(DaemonState state);

// The API's version: clients check it before relying on a method. Methods may be added within
// a version; none is removed or changed.
inline constexpr int kApiVersion = 1;

// Adds server.info to `rpc`, open to every client; `state` tells the daemon's state at the time
// of the call. While the daemon is starting, methods it does not offer yet are answered
// "unavailable" rather than "not found".
void add_server_info_method(JsonRpcDispatcher& rpc, std::function<DaemonState()> state);

}  // namespace massaged
