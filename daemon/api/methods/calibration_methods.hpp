#pragma once

#include <chrono>
#include <functional>

#include "daemon/api/calibration_watch.hpp"
#include "daemon/api/transport/json_rpc_dispatcher.hpp"
#include "daemon/calibration/calibration_store.hpp"
#include "daemon/calibration/guided_calibration.hpp"
#include "daemon/control/chair_commands.hpp"
#include "drives/drives_view.hpp"

// The technician's calibration through the API (docs/calibration.md), one procedure at a time:
//   calibration.show     the calibration in use, its file, the drive each part was measured on,
//                        the procedure and what is staged
//   calibration.begin    starts a procedure: force, travel, width or depth
//   calibration.confirm  the technician confirms the step shown (with the reference load's force)
//   calibration.poll     where the procedure stands; the chair measures in between
//   calibration.diff     the staged calibration against the one in use
//   calibration.commit   stores the staged calibration, each part measured bound to its drive,
//                        the time and the technician, and puts it to use at once
//   calibration.discard  drops the procedure and whatever is staged
// Each needs the technician role. The chair must be ready (no session running, nothing
// latched) to begin, and nobody may sit in it: the supervisor holds the rollers to service work.
namespace massaged {

struct CalibrationContext {
  control::ChairCommands* controller = nullptr;
  calibration::CalibrationStore* store = nullptr;
  // The calibration in use, and what hands it on to the control loop and the sessions (a commit
  // goes through it too).
  calibration::CalibrationInUse* in_use = nullptr;
  CalibrationWatch* watch = nullptr;
  // The drives, for their RANGE_MAX, read when a range procedure begins (the drives are reached
  // only after the API starts); without them, the settings' values hold.
  const hal::DrivesView* drives = nullptr;
  calibration::ProcedureSettings settings{};
  // How long a commit waits for the chair to come to rest (parking after the last measurement)
  // before it puts the new calibration to use.
  std::chrono::milliseconds settle_patience{std::chrono::seconds(20)};
  // The time a commit records: the wall clock.
  std::function<std::chrono::system_clock::time_point()> wall_clock = [] {
    return std::chrono::system_clock::now();
  };
};

// `context`'s objects must outlive the dispatcher's use. Main loop only, like every method.
void add_calibration_methods(JsonRpcDispatcher& rpc, CalibrationContext context);

}  // namespace massaged
