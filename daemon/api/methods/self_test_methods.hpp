#pragma once

#include <functional>

#include "daemon/api/transport/json_rpc_dispatcher.hpp"
#include "daemon/control/chair_commands.hpp"
#include "daemon/model/calibration.hpp"

// diagnostics.self_test: each axis moves through a short pattern (calibration/self_test.hpp) and
// the answer, once it is done, says per axis whether it reached its targets in time, its highest
// current and temperature. Technician role; the chair must be ready and empty.
namespace massaged {

// `calibration` gives the calibration in use when the test starts (its ranges bound the moves).
// `controller` must outlive the dispatcher's use.
void add_self_test_methods(JsonRpcDispatcher& rpc, control::ChairCommands& controller,
                           std::function<safety::Calibration()> calibration);

}  // namespace massaged
