#pragma once

#include "daemon/api/current_session.hpp"
#include "daemon/api/program_catalog.hpp"
#include "daemon/api/transport/json_rpc_dispatcher.hpp"

// The person's session:
//   session.start {program, intensity?, minutes?, user?}           panel
//   session.pause, session.stop, session.less                      anyone: each only takes
//                                                                  force away, so whoever can
//                                                                  reach the chair may
//   session.resume, session.extend, session.more,
//   session.focus_up, session.focus_down, session.tender,
//   session.hold_here, session.nudge_shoulder {steps}              panel
//   session.progress                                               panel
// Commands for the control loop answer once it has carried them out; the live adjustments
// answer at once and act within the next cycle.
namespace massaged {

// The objects must outlive the dispatcher's use.
void add_session_methods(JsonRpcDispatcher& rpc, control::ChairCommands& controller,
                         CurrentSession& session, const ProgramCatalog& catalog);

}  // namespace massaged
