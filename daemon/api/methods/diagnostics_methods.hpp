#pragma once

#include <chrono>
#include <functional>

#include "daemon/api/transport/json_rpc_dispatcher.hpp"
#include "daemon/control/cycle_schedule.hpp"
#include "drives/drives_view.hpp"

// The technician's view of the machine:
//   diagnostics.axes   every drive live: lifecycle, identity, the latest reading, its alarm
//   diagnostics.buses  every bus's and every drive's Modbus statistics, and the last quick stop
//   diagnostics.loop   the control loop's rate and timing: cycles, overruns, lateness
namespace massaged {

struct DiagnosticsContext {
  // Without them, diagnostics.axes and .buses are not offered.
  const hal::DrivesView* drives = nullptr;
  std::function<control::PeriodStatistics()> loop_statistics;
  std::chrono::nanoseconds period{0};
};

// `context`'s objects must outlive the dispatcher's use.
void add_diagnostics_methods(JsonRpcDispatcher& rpc, DiagnosticsContext context);

}  // namespace massaged
