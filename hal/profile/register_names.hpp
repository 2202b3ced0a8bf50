#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "profile/actuator_profile.hpp"

// The registers of a drive's map by name: the one place where each name is tied to the field
// of ActuatorProfile that holds it. A profile file declares a register under its group and name
// ([registers.status] position = {...}); the loader reads them by these names, and a technician
// reads them from a drive by them (diagnostics.registers: "status.position").
namespace hal {

struct RegisterName {
  std::string_view group;          // [registers.<group>]: identity, command, status, configuration
  std::string_view key;            // the register's name in its group
  bool signed_by_default = false;  // what `signed` is when a profile file leaves it out

  // "status.position".
  [[nodiscard]] std::string dotted() const { return std::string(group) + "." + std::string(key); }
};

// Calls visit(name, spec) for every register of `profile`, group by group, each in the order of
// the profile files (config/profiles/). `spec` is the field that holds the register: a
// RegisterSpec&, or for a register a drive may lack (identity.serial) a
// std::optional<RegisterSpec>&; const when `profile` is.
template <class Profile, class Visit>
requires std::is_same_v<std::remove_const_t<Profile>, ActuatorProfile>
void for_each_register(Profile& profile, Visit&& visit) {
  auto& i = profile.identity;
  visit(RegisterName{"identity", "map_id"}, i.map_id);
  visit(RegisterName{"identity", "map_version"}, i.map_version);
  visit(RegisterName{"identity", "axis_kind"}, i.axis_kind);
  visit(RegisterName{"identity", "capabilities"}, i.capabilities);
  visit(RegisterName{"identity", "firmware"}, i.firmware);
  visit(RegisterName{"identity", "serial"}, i.serial);
  visit(RegisterName{"identity", "range_max"}, i.range_max);
  auto& c = profile.command;
  visit(RegisterName{"command", "control"}, c.control);
  visit(RegisterName{"command", "setpoint", true}, c.setpoint);
  visit(RegisterName{"command", "heartbeat"}, c.heartbeat);
  visit(RegisterName{"command", "velocity_limit"}, c.velocity_limit);
  visit(RegisterName{"command", "force_limit"}, c.force_limit);
  visit(RegisterName{"command", "accel_limit"}, c.accel_limit);
  auto& s = profile.status;
  visit(RegisterName{"status", "status"}, s.status);
  visit(RegisterName{"status", "position", true}, s.position);
  visit(RegisterName{"status", "velocity", true}, s.velocity);
  visit(RegisterName{"status", "force", true}, s.force);
  visit(RegisterName{"status", "current"}, s.current);
  visit(RegisterName{"status", "alarm"}, s.alarm);
  visit(RegisterName{"status", "heartbeat_echo"}, s.heartbeat_echo);
  visit(RegisterName{"status", "temperature", true}, s.temperature);
  auto& g = profile.configuration;
  visit(RegisterName{"configuration", "comm_timeout"}, g.comm_timeout);
  visit(RegisterName{"configuration", "comm_loss_action"}, g.comm_loss_action);
  visit(RegisterName{"configuration", "soft_min", true}, g.soft_min);
  visit(RegisterName{"configuration", "soft_max", true}, g.soft_max);
  visit(RegisterName{"configuration", "stall_current"}, g.stall_current);
}

// The groups, in the order of for_each_register.
inline constexpr std::string_view kRegisterGroups[] = {"identity", "command", "status",
                                                       "configuration"};

// Every register `profile` has, by its dotted name ("identity.map_id" ... "configuration.
// stall_current"), in the order of for_each_register.
[[nodiscard]] std::vector<std::pair<std::string, RegisterSpec>> named_registers(
    const ActuatorProfile& profile);

}  // namespace hal
