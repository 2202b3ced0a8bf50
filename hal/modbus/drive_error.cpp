#include "modbus/drive_error.hpp"

#include <cstdio>

#include "modbus/modbus_exception.hpp"

namespace hal {
namespace {

std::string headline(const DriveError& e) {
  switch (e.kind) {
    case DriveErrorKind::timeout:
      return "no reply";
    case DriveErrorKind::bad_frame:
      return "bad frame";
    case DriveErrorKind::modbus_exception: {
      const auto code = e.exception_code.value_or(0);
      char number[8];
      std::snprintf(number, sizeof number, "%02X", static_cast<unsigned>(code));
      return "Modbus exception " + std::string(number) + " (" +
             std::string(modbus_exception_name(code)) + ")";
    }
    case DriveErrorKind::disconnected:
      return "link down";
    case DriveErrorKind::identity_mismatch:
      return "not the configured drive";
    case DriveErrorKind::setting_not_kept:
      return "setting not kept";
    case DriveErrorKind::drive_alarm:
      if (e.alarm) {
        return "drive alarm " + std::to_string(e.alarm->code) + " \"" + e.alarm->name + "\" (" +
               std::string(to_string(e.alarm->kind)) + ")";
      }
      return "drive alarm";
    case DriveErrorKind::drive_restarted:
      return "drive restarted";
    case DriveErrorKind::refused:
      return "command refused";
    case DriveErrorKind::overrun:
      return "cycle overrun";
  }
  return "error";
}

std::string_view advice(const DriveError& e) {
  switch (e.kind) {
    case DriveErrorKind::timeout:
      return "Check the drive's power, its unit id and the wiring; after repeated timeouts the "
             "HAL reconnects by itself.";
    case DriveErrorKind::bad_frame:
      return "The HAL discarded what was left on the line and goes on; if it repeats, check the "
             "line's termination and grounding or the gateway.";
    case DriveErrorKind::modbus_exception:
      return "The drive refused the request: check that the actuator profile matches the drive "
             "and that the value is within the drive's range.";
    case DriveErrorKind::disconnected:
      return "Check the cable, the serial device or the network path; the HAL reconnects with "
             "backoff.";
    case DriveErrorKind::identity_mismatch:
      return "Fix the unit id or axis kind in the configuration, or the drive's address switch; "
             "the axis stays unconfigured.";
    case DriveErrorKind::setting_not_kept:
      return "The drive would not stop itself if the controller died, so the axis stays "
             "inactive; check the drive's firmware and the profile's configuration registers.";
    case DriveErrorKind::drive_alarm:
      return "Remove the cause, then reset the fault and enable the axis again.";
    case DriveErrorKind::drive_restarted:
      return "The drive is unpowered (and a linear axis has lost its reference): home a linear "
             "axis, then enable it again before moving.";
    case DriveErrorKind::refused:
      return "Nothing was sent to the drive.";
    case DriveErrorKind::overrun:
      return "The bus is still busy with its transactions; give the cycle more time or put fewer "
             "drives on the bus.";
  }
  return "";
}

}  // namespace

std::string_view to_string(DriveErrorKind kind) {
  switch (kind) {
    case DriveErrorKind::timeout:
      return "timeout";
    case DriveErrorKind::bad_frame:
      return "bad frame";
    case DriveErrorKind::modbus_exception:
      return "Modbus exception";
    case DriveErrorKind::disconnected:
      return "disconnected";
    case DriveErrorKind::identity_mismatch:
      return "identity mismatch";
    case DriveErrorKind::setting_not_kept:
      return "setting not kept";
    case DriveErrorKind::drive_alarm:
      return "drive alarm";
    case DriveErrorKind::drive_restarted:
      return "drive restarted";
    case DriveErrorKind::refused:
      return "refused";
    case DriveErrorKind::overrun:
      return "overrun";
  }
  return "unknown";
}

std::string DriveError::message() const {
  std::string where = "bus " + bus;
  if (unit != 0) where += ", unit " + std::to_string(unit);
  if (axis) where += " (" + std::string(to_string(*axis)) + ")";
  std::string text = where + ": " + headline(*this);
  if (!doing.empty()) text += " while " + doing;
  if (!detail.empty()) text += ": " + detail;
  text += ". ";
  text += advice(*this);
  return text;
}

}  // namespace hal
