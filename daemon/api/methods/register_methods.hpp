#pragma once

#include <string>
#include <utility>
#include <vector>

#include "daemon/api/transport/json_rpc_dispatcher.hpp"
#include "modbus/chair_drives.hpp"
#include "profile/actuator_profile.hpp"

// The technician's raw view of a drive: diagnostics.registers {bus?, unit, names?} reads
// registers by their names in the drive's profile ("status.position", or just "position"; the
// datasheet's upper-case names too), read-only, on the bus's own thread between two control
// cycles. Without names, every register of the profile. Technician role.
namespace massaged {

// Every register of a profile by its dotted name ("identity.map_id" ... "configuration.
// stall_current"), in the profile's order.
[[nodiscard]] std::vector<std::pair<std::string, hal::RegisterSpec>> named_registers(
    const hal::ActuatorProfile& profile);

// `drives` must outlive the dispatcher's use.
void add_register_methods(JsonRpcDispatcher& rpc, hal::ChairDrives& drives);

}  // namespace massaged
