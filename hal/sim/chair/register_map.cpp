#include "sim/chair/register_map.hpp"

#include <stdexcept>

namespace sim {

RegisterMap::RegisterMap(const hal::ActuatorProfile& p) {
  const auto ro = RegisterAccess::read_only;
  const auto rw = RegisterAccess::read_write;
  const auto& i = p.identity;
  const auto& c = p.command;
  const auto& s = p.status;
  const auto& g = p.configuration;
  registers_ = {
      {DriveRegister::map_id, i.map_id, ro, false},
      {DriveRegister::map_version, i.map_version, ro, false},
      {DriveRegister::axis_kind, i.axis_kind, ro, false},
      {DriveRegister::capabilities, i.capabilities, ro, false},
      {DriveRegister::firmware, i.firmware, ro, false},
      {DriveRegister::range_max, i.range_max, ro, false},
      {DriveRegister::control, c.control, rw, true},
      {DriveRegister::setpoint, c.setpoint, rw, true},
      {DriveRegister::heartbeat, c.heartbeat, rw, true},
      {DriveRegister::velocity_limit, c.velocity_limit, rw, true},
      {DriveRegister::force_limit, c.force_limit, rw, true},
      {DriveRegister::accel_limit, c.accel_limit, rw, true},
      {DriveRegister::status, s.status, ro, false},
      {DriveRegister::position, s.position, ro, false},
      {DriveRegister::velocity, s.velocity, ro, false},
      {DriveRegister::force, s.force, ro, false},
      {DriveRegister::current, s.current, ro, false},
      {DriveRegister::alarm, s.alarm, ro, false},
      {DriveRegister::heartbeat_echo, s.heartbeat_echo, ro, false},
      {DriveRegister::temperature, s.temperature, ro, false},
      {DriveRegister::comm_timeout, g.comm_timeout, rw, false},
      {DriveRegister::comm_loss_action, g.comm_loss_action, rw, false},
      {DriveRegister::soft_min, g.soft_min, rw, false},
      {DriveRegister::soft_max, g.soft_max, rw, false},
      {DriveRegister::stall_current, g.stall_current, rw, false},
  };
  // A drive whose profile has no serial number register answers its address as outside the map.
  if (i.serial) registers_.push_back({DriveRegister::serial, *i.serial, ro, false});
}

const MappedRegister* RegisterMap::at(std::uint16_t address) const {
  for (const auto& r : registers_) {
    if (address >= r.spec.address && address < r.spec.address + r.spec.words) return &r;
  }
  return nullptr;
}

const MappedRegister& RegisterMap::of(DriveRegister id) const {
  for (const auto& r : registers_) {
    if (r.id == id) return r;
  }
  throw std::logic_error("register map without every drive register");
}

}  // namespace sim
