#pragma once

#include <cstdint>
#include <optional>

#include "clock/clock.hpp"
#include "modbus/drive_alarm.hpp"
#include "modbus/drive_error.hpp"
#include "profile/drive_codec.hpp"
#include "result/expected.hpp"

namespace hal {

// One status block as read from a drive, in engineering values (see DriveCodec), with the time
// it was read. The typed view for the controller is Reading<Motion> (axis.hpp).
struct DriveReading {
  DriveStatusValues values;
  std::int64_t position_counts = 0;  // POSITION as the drive reported it, for holding still
  std::optional<DriveAlarm> alarm;   // set whenever ALARM is non-zero or FAULT is set
  Clock::time_point read_at{};
};

// A drive's reading, or why none came.
using ReadingOutcome = result::Expected<DriveReading, DriveError>;

}  // namespace hal
