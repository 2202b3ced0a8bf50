#include "modbus/drive_alarm.hpp"

#include <cstdio>

namespace hal {

std::string_view to_string(AlarmKind kind) {
  switch (kind) {
    case AlarmKind::stall:
      return "stall";
    case AlarmKind::over_temperature:
      return "over-temperature";
    case AlarmKind::following_error:
      return "following error";
    case AlarmKind::encoder:
      return "encoder";
    case AlarmKind::communication_loss:
      return "communication loss";
    case AlarmKind::end_stop:
      return "end stop";
    case AlarmKind::under_voltage:
      return "under-voltage";
    case AlarmKind::force_overload:
      return "force overload";
    case AlarmKind::not_homed:
      return "not homed";
    case AlarmKind::other:
      return "other";
  }
  return "other";
}

DriveAlarm describe_alarm(const ActuatorProfile& profile, std::uint16_t code) {
  if (const auto* spec = profile.alarm(code)) return DriveAlarm{code, spec->name, spec->kind};
  char hex[8];
  std::snprintf(hex, sizeof hex, "0x%04X", static_cast<unsigned>(code));
  return DriveAlarm{code,
                    "alarm code " + std::string(hex) + " (not in the " + profile.name + " profile)",
                    AlarmKind::other};
}

}  // namespace hal
