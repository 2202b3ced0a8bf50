#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "modbus/drive_error.hpp"

// What went wrong in one Modbus transaction, before the bus, unit and purpose are added to make
// it a DriveError. This is where libmodbus's errno values end.
namespace hal {

struct LinkFault {
  DriveErrorKind kind = DriveErrorKind::disconnected;  // timeout, bad_frame, modbus_exception
                                                       // or disconnected
  std::optional<std::uint8_t> exception_code;
  std::string detail;
};

// Classifies an errno value left by a failed libmodbus call. Any value that is not a timeout, a
// frame fault or a Modbus exception means the link cannot be trusted: disconnected.
[[nodiscard]] LinkFault link_fault_from_errno(int error_number);

// True when the link must be closed and opened again before it can be used.
[[nodiscard]] inline bool breaks_link(const LinkFault& fault) {
  return fault.kind == DriveErrorKind::disconnected;
}

// True when bytes of the failed exchange may still arrive and must be discarded before the next
// request, or they would be taken for its reply.
[[nodiscard]] inline bool leaves_line_dirty(const LinkFault& fault) {
  return fault.kind == DriveErrorKind::timeout || fault.kind == DriveErrorKind::bad_frame;
}

}  // namespace hal
