#pragma once

#include "daemon/api/topics/fault_history.hpp"
#include "daemon/api/transport/json_rpc_dispatcher.hpp"
#include "daemon/control/chair_commands.hpp"

// The faults the chair has had:
//   faults.list  panel  the fault or emergency stop now, and every one since the daemon started
namespace massaged {

// `controller` and `history` must outlive the dispatcher's use.
void add_fault_methods(JsonRpcDispatcher& rpc, const control::ChairCommands& controller,
                       const FaultHistory& history);

}  // namespace massaged
