#include "sim/chair/held_registers.hpp"

#include <stdexcept>

namespace sim {
namespace {

std::size_t slot(DriveRegister id) { return static_cast<std::size_t>(id); }

}  // namespace

bool HeldRegisters::holds(DriveRegister id) {
  switch (id) {
    case DriveRegister::control:
    case DriveRegister::setpoint:
    case DriveRegister::heartbeat:
    case DriveRegister::velocity_limit:
    case DriveRegister::force_limit:
    case DriveRegister::accel_limit:
    case DriveRegister::comm_timeout:
    case DriveRegister::comm_loss_action:
    case DriveRegister::soft_min:
    case DriveRegister::soft_max:
    case DriveRegister::stall_current:
      return true;
    default:
      return false;
  }
}

HeldRegisters::HeldRegisters(const hal::DriveCodec& codec, const AxisMechanics& m) {
  using hal::Quantity;
  const auto& profile = codec.profile();
  power_up_[slot(DriveRegister::control)] = codec.encode_control(hal::ControlWord{});
  power_up_[slot(DriveRegister::comm_loss_action)] =
      profile.comm_loss_actions.at(hal::CommLossAction::none);
  power_up_[slot(DriveRegister::soft_min)] = codec.to_counts(m.range_min, Quantity::position);
  // A rotary axis's phase never reaches 360°, so its upper soft limit is one count below.
  power_up_[slot(DriveRegister::soft_max)] =
      hal::is_rotary(m.kind) ? codec.to_counts(m.range_max, Quantity::position) - 1
                             : codec.to_counts(m.range_max, Quantity::position);
  power_up_[slot(DriveRegister::stall_current)] =
      codec.to_counts(kDefaultStallCurrent, Quantity::current);
  counts_ = power_up_;
}

std::int64_t HeldRegisters::get(DriveRegister id) const {
  if (!holds(id)) throw std::logic_error("not a held register");
  return counts_[slot(id)];
}

void HeldRegisters::set(DriveRegister id, std::int64_t counts) {
  if (!holds(id)) throw std::logic_error("not a held register");
  counts_[slot(id)] = counts;
}

void HeldRegisters::reset_commands() {
  for (const auto id :
       {DriveRegister::control, DriveRegister::setpoint, DriveRegister::heartbeat,
        DriveRegister::velocity_limit, DriveRegister::force_limit, DriveRegister::accel_limit}) {
    counts_[slot(id)] = power_up_[slot(id)];
  }
}

}  // namespace sim
