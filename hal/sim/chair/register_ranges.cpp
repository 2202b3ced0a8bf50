#include "sim/chair/register_ranges.hpp"

#include <algorithm>
#include <cstdlib>

namespace sim {
namespace {

using hal::Quantity;

bool within(std::int64_t value, std::int64_t lo, std::int64_t hi) {
  return value >= lo && value <= hi;
}

// The largest phase a rotary axis reports, in counts: one count below a full turn.
std::int64_t last_phase_count(const hal::DriveCodec& codec) {
  return codec.to_counts(360.0, Quantity::position) - 1;
}

bool setpoint_in_range(const HeldRegisters& c, hal::DriveMode mode, const hal::DriveCodec& codec,
                       const AxisMechanics& m) {
  const auto value = c.get(DriveRegister::setpoint);
  switch (mode) {
    case hal::DriveMode::position:
      if (hal::is_rotary(m.kind)) return within(value, 0, last_phase_count(codec));
      return within(value, c.get(DriveRegister::soft_min), c.get(DriveRegister::soft_max));
    case hal::DriveMode::velocity:
      return std::abs(value) <= codec.to_counts(m.max_speed, Quantity::velocity);
    case hal::DriveMode::force:
      return within(value, 0, codec.to_counts(kForceOverload, Quantity::force));
  }
  return false;
}

bool soft_limits_in_range(const HeldRegisters& c, const hal::DriveCodec& codec,
                          const AxisMechanics& m) {
  const auto lo =
      hal::is_rotary(m.kind) ? std::int64_t{0} : codec.to_counts(m.range_min, Quantity::position);
  const auto hi = hal::is_rotary(m.kind) ? last_phase_count(codec)
                                         : codec.to_counts(m.range_max, Quantity::position);
  const auto soft_min = c.get(DriveRegister::soft_min);
  const auto soft_max = c.get(DriveRegister::soft_max);
  return within(soft_min, lo, hi) && within(soft_max, lo, hi) && soft_min <= soft_max;
}

bool comm_loss_action_defined(const HeldRegisters& c, const hal::ActuatorProfile& profile) {
  const auto value = c.get(DriveRegister::comm_loss_action);
  return std::any_of(profile.comm_loss_actions.begin(), profile.comm_loss_actions.end(),
                     [value](const auto& entry) { return entry.second == value; });
}

bool one_in_range(DriveRegister id, const HeldRegisters& c, const hal::DriveCodec& codec,
                  const AxisMechanics& m) {
  switch (id) {
    case DriveRegister::control: {
      const auto control = codec.decode_control(static_cast<std::uint16_t>(c.get(id)));
      if (!control) return false;
      return control->mode != hal::DriveMode::force || m.kind == hal::AxisKind::depth;
    }
    case DriveRegister::setpoint: {
      const auto control =
          codec.decode_control(static_cast<std::uint16_t>(c.get(DriveRegister::control)));
      return control && setpoint_in_range(c, control->mode, codec, m);
    }
    case DriveRegister::velocity_limit:
      return within(c.get(id), 0, codec.to_counts(m.max_speed, Quantity::velocity));
    case DriveRegister::force_limit:
      return within(c.get(id), 0, codec.to_counts(kForceOverload, Quantity::force));
    case DriveRegister::accel_limit:
      return within(c.get(id), 0, codec.to_counts(m.max_accel, Quantity::acceleration));
    case DriveRegister::comm_loss_action:
      return comm_loss_action_defined(c, codec.profile());
    case DriveRegister::soft_min:
    case DriveRegister::soft_max:
      return soft_limits_in_range(c, codec, m);
    case DriveRegister::stall_current:
      return within(c.get(id), codec.to_counts(kMinStallCurrent, Quantity::current),
                    codec.to_counts(kMaxStallCurrent, Quantity::current));
    default:  // HEARTBEAT and COMM_TIMEOUT take any value their register holds
      return true;
  }
}

}  // namespace

std::optional<ModbusException> check_ranges(const HeldRegisters& candidate,
                                            std::span<const DriveRegister> written,
                                            const hal::DriveCodec& codec,
                                            const AxisMechanics& mechanics) {
  for (const auto id : written) {
    if (!one_in_range(id, candidate, codec, mechanics)) {
      return ModbusException::illegal_data_value;
    }
  }
  return std::nullopt;
}

}  // namespace sim
