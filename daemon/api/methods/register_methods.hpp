#pragma once

#include "daemon/api/transport/json_rpc_dispatcher.hpp"
#include "drives/drives_view.hpp"

// The technician's raw view of a drive: diagnostics.registers {bus?, unit, names?} reads
// registers by their names in the drive's profile (hal/profile/register_names.hpp:
// "status.position", or just "position"; the datasheet's upper-case names too), read-only, on the
// bus's own thread between two control cycles. Without names, every register of the profile.
// Technician role.
namespace massaged {

// `drives` must outlive the dispatcher's use.
void add_register_methods(JsonRpcDispatcher& rpc, const hal::DrivesView& drives);

}  // namespace massaged
