#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "modbus/drive_alarm.hpp"
#include "profile/axis_kind.hpp"

// Everything that can go wrong between the HAL and a drive, as one taxonomy. A failed read is
// always one of these and never a zero reading; libmodbus's errno values stop at the link.
namespace hal {

enum class DriveErrorKind {
  // The link.
  timeout,           // no complete reply within the response timeout
  bad_frame,         // a reply that is corrupt or does not answer the request (CRC, length, echo)
  modbus_exception,  // the drive answered with a Modbus exception
  disconnected,      // the link is down or could not be opened
  // Start-up checks.
  identity_mismatch,  // MAP_ID, MAP_VERSION or AXIS_KIND is not what the configuration says
  setting_not_kept,   // COMM_TIMEOUT or COMM_LOSS_ACTION did not read back as written
  // The drive's own state.
  drive_alarm,      // the drive reports an alarm (FAULT)
  drive_restarted,  // the drive lost ENABLED or HOMED without being told: it was power-cycled
  // The HAL.
  refused,  // a command the axis cannot take now (lifecycle, axis kind, value out of range)
  overrun,  // the bus did not finish its cycle in the time the caller gave it
};

[[nodiscard]] std::string_view to_string(DriveErrorKind kind);

struct DriveError {
  DriveErrorKind kind = DriveErrorKind::disconnected;
  std::string bus;               // the bus's configured name
  int unit = 0;                  // the drive's unit id; 0 for the bus as a whole
  std::optional<AxisKind> axis;  // the axis the drive moves, when known
  std::string doing;             // what the HAL was doing, e.g. "reading the status block"
  std::string detail;            // what was found, e.g. "no reply within 20 ms"
  std::optional<std::uint8_t> exception_code;  // for modbus_exception
  std::optional<DriveAlarm> alarm;             // for drive_alarm

  // One line for a person: where, what, while doing what, and what to do about it, as
  // "bus main, unit 3 (depth): Modbus exception 02 (illegal data address) while writing
  // COMM_TIMEOUT: ... Check that ...".
  [[nodiscard]] std::string message() const;
};

}  // namespace hal
