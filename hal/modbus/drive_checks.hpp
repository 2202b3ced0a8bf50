#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>

#include "modbus/drive_channel.hpp"
#include "modbus/drive_identity.hpp"
#include "modbus/modbus_link.hpp"
#include "result/expected.hpp"

// The start-up checks of one drive, each a few transactions on the bus thread.
namespace hal {

// Reads MAP_ID, MAP_VERSION and AXIS_KIND (with the rest of the identity block) and refuses a
// drive that is not the one the configuration describes.
result::Expected<DriveIdentity, DriveError> check_identity(ModbusLink& link, DriveChannel& drive);

// Writes COMM_TIMEOUT and COMM_LOSS_ACTION (drives ship with both off) and reads them back; a
// drive that did not keep them is refused (setting_not_kept), since it would not stop itself
// if the controller died.
result::Expected<void, DriveError> set_watchdog(ModbusLink& link, DriveChannel& drive,
                                                std::chrono::milliseconds timeout,
                                                CommLossAction action);

// VELOCITY_LIMIT, ACCEL_LIMIT and FORCE_LIMIT as the drive holds them, in Limit order.
result::Expected<std::array<std::optional<std::int64_t>, 3>, DriveError> read_limits(
    ModbusLink& link, DriveChannel& drive);

// A drive that restarts takes its command registers back to their power-up values, and with a
// level-triggered ENABLE the next cycle's frame powers it again before its status can show it
// was off: a rotary axis, which needs no reference, would carry on as if nothing happened. The
// limits, written only when they change, keep the evidence. Reads them back and, when one the
// HAL knows to be set reads otherwise, reports the drive as restarted (drive_restarted).
// Nothing is read when every known limit is 0 (a power-up value proves nothing).
result::Expected<void, DriveError> audit_limits(ModbusLink& link, DriveChannel& drive);

}  // namespace hal
