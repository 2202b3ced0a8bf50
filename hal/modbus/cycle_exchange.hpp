#pragma once

#include <array>
#include <string>

#include "modbus/drive_channel.hpp"
#include "modbus/drive_reading.hpp"
#include "modbus/modbus_link.hpp"
#include "profile/register_image.hpp"
#include "result/expected.hpp"

// One drive's share of a control cycle, on the bus thread. The layout of the exchange is worked
// out once from the profile and its buffers are reused, so a cycle that goes well allocates
// nothing and formats no text.
namespace hal {

class CycleExchange {
 public:
  explicit CycleExchange(DriveChannel& drive);

  [[nodiscard]] DriveChannel& drive() { return *drive_; }

  // An active drive: the command block (CONTROL, SETPOINT, HEARTBEAT) out and the status block
  // in, as one function 23, or 16 then 03 where the profile has no 23. Limits go out only when
  // they changed: in the same function 23 when they follow the command block in the map, else
  // as a function 16 just before. A pending quick stop is served (through the link's gate)
  // before the frame is built, so the frame carries QUICK_STOP once it is latched. The reply
  // must echo this frame's heartbeat, or it answered an earlier request and is rejected. A reply
  // that shows an alarm or a restart is an error. `with_limits` false leaves changed limits for
  // a later cycle (the stop path, which nothing may delay).
  ReadingOutcome exchange(ModbusLink& link, bool with_limits = true);

  // A connected (not yet active) drive: the status block only, nothing written.
  ReadingOutcome read_status(ModbusLink& link);

 private:
  result::Expected<void, DriveError> write_limits_apart(ModbusLink& link, const LimitFrame& limits);
  [[nodiscard]] std::string describe_exchange(bool with_limits) const;
  ReadingOutcome take_status();

  DriveChannel* drive_;
  bool has_23_;
  std::array<RegisterSpec, 3> limit_specs_;  // VELOCITY_LIMIT, ACCEL_LIMIT, FORCE_LIMIT
  bool limits_adjacent_;                     // the three make one run of registers
  bool limits_follow_command_;               // ... which starts where the command block ends
  RegisterImage command_;                    // CONTROL..HEARTBEAT
  RegisterImage command_and_limits_;         // the same, then the limits, when they follow
  RegisterImage status_;
};

}  // namespace hal
