#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "profile/actuator_profile.hpp"

// Which register of a drive lives at which address, and whether a master may write it: the
// profile's register map turned around so that an address from a request can be looked up.
namespace sim {

enum class DriveRegister {
  // identity, read-only
  map_id,
  map_version,
  axis_kind,
  capabilities,
  firmware,
  serial,
  range_max,
  // command, read/write
  control,
  setpoint,
  heartbeat,
  velocity_limit,
  force_limit,
  accel_limit,
  // status, read-only
  status,
  position,
  velocity,
  force,
  current,
  alarm,
  heartbeat_echo,
  temperature,
  // configuration, read/write, kept across power cycles
  comm_timeout,
  comm_loss_action,
  soft_min,
  soft_max,
  stall_current,
};

enum class RegisterAccess { read_only, read_write };

struct MappedRegister {
  DriveRegister id = DriveRegister::map_id;
  hal::RegisterSpec spec;
  RegisterAccess access = RegisterAccess::read_only;
  bool is_command = false;  // one of the command registers (what a broadcast may write)
};

class RegisterMap {
 public:
  explicit RegisterMap(const hal::ActuatorProfile& profile);

  // The register holding the word at `address`, or nullptr when the address is outside the map.
  [[nodiscard]] const MappedRegister* at(std::uint16_t address) const;
  [[nodiscard]] const MappedRegister& of(DriveRegister id) const;
  [[nodiscard]] std::span<const MappedRegister> all() const { return registers_; }

 private:
  std::vector<MappedRegister> registers_;
};

}  // namespace sim
