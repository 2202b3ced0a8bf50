#pragma once

#include "daemon/api/transport/json_rpc_dispatcher.hpp"
#include "daemon/control/chair_commands.hpp"

// The technician's jog through the API (docs/calibration.md): one linear axis moves by a step
// while the client keeps confirming, a dead-man control.
//   jog.start    {axis: "travel"|"width", step_mm, speed_mm_s?}: the axis starts toward the step
//   jog.confirm  the client still holds on: send it every 200 ms; says where the axis stands
//   jog.stop     the axis stops where it stands
// The axis also stops where it stands when the confirmations stop for 300 ms or the client's
// connection closes. The supervisor keeps it inside the calibrated range. Technician role.
namespace massaged {

// `controller` must outlive the dispatcher's use.
void add_jog_methods(JsonRpcDispatcher& rpc, control::ChairCommands& controller);

}  // namespace massaged
