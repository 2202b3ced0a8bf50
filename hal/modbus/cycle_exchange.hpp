#pragma once

#include "modbus/drive_channel.hpp"
#include "modbus/drive_reading.hpp"
#include "modbus/modbus_link.hpp"
#include "result/expected.hpp"

// One drive's share of a control cycle, on the bus thread.
namespace hal {

using ReadingOutcome = result::Expected<DriveReading, DriveError>;

// An active drive: the command block (CONTROL, SETPOINT, HEARTBEAT) out and the status block
// in, as one function 23, or 16 then 03 where the profile has no 23. Limits go out only when
// they changed: in the same function 23 when they follow the command block in the map, else
// as a function 16 just before. The reply must echo this frame's heartbeat, or it answered an
// earlier request and is rejected. A reply that shows an alarm or a restart is an error.
// A pending quick stop is served (through the link's gate) before the frame is built, so the
// frame carries QUICK_STOP once it is latched. `with_limits` false leaves limits for later (the
// stop path, where nothing may delay the stop).
ReadingOutcome exchange_cycle(ModbusLink& link, DriveChannel& drive, bool with_limits = true);

// A connected (not yet active) drive: the status block only, nothing written.
ReadingOutcome read_status(ModbusLink& link, DriveChannel& drive);

}  // namespace hal
