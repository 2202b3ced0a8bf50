#pragma once

#include <optional>
#include <span>

#include "profile/drive_codec.hpp"
#include "sim/chair/axis_mechanics.hpp"
#include "sim/chair/held_registers.hpp"
#include "sim/register_server.hpp"

// The values a drive accepts in its writable registers. The datasheet says "a value out of
// range: exception 03 (nothing of that request is applied)"; these are the ranges, decided from
// its tables:
//
//   CONTROL           the MODE field must hold a mode the profile defines; force mode only on
//                     the depth axis. Bits the profile does not name are ignored.
//   SETPOINT          checked when written, against the mode CONTROL has after the request:
//                     position: linear axes SOFT_MIN..SOFT_MAX (which lie within 0..RANGE_MAX),
//                               rotary axes a phase 0..359.9°;
//                     velocity: -max..+max of the axis (150, 40, 50 mm/s; 90, 720 rpm);
//                     force:    0..250 N.
//                     A mode switch alone does not re-check the held SETPOINT: the drive holds
//                     still until the next SETPOINT, so a stop written to CONTROL alone (or
//                     broadcast) is never refused for a stale setpoint.
//   HEARTBEAT         any value.
//   VELOCITY_LIMIT    0..the axis maximum (0 = the axis maximum).
//   FORCE_LIMIT       0..250 N on every axis (it acts on the depth axis only; 0 = 250 N).
//   ACCEL_LIMIT       0..the axis's maximum acceleration (0 = the axis default).
//   COMM_TIMEOUT      any value the register holds (0 = off).
//   COMM_LOSS_ACTION  one of the values the profile defines (none, halt, quick stop).
//   SOFT_MIN/SOFT_MAX within the axis range (rotary: within one turn), SOFT_MIN <= SOFT_MAX.
//   STALL_CURRENT     100..10000 mA.
namespace sim {

// `candidate` is the held registers as they would be after the request; `written` the registers
// the request wrote. Returns illegal_data_value when any of them is out of range.
std::optional<ModbusException> check_ranges(const HeldRegisters& candidate,
                                            std::span<const DriveRegister> written,
                                            const hal::DriveCodec& codec,
                                            const AxisMechanics& mechanics);

}  // namespace sim
