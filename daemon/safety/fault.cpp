#include "daemon/safety/fault.hpp"

namespace safety {

std::string_view to_string(FaultKind kind) {
  switch (kind) {
    case FaultKind::drive_alarm:
      return "drive alarm";
    case FaultKind::stall:
      return "stall";
    case FaultKind::over_temperature:
      return "over-temperature";
    case FaultKind::following_error:
      return "following error";
    case FaultKind::force_above_ceiling:
      return "force above the ceiling";
    case FaultKind::communication_loss:
      return "communication loss";
    case FaultKind::drive_restarted:
      return "drive restarted";
    case FaultKind::homing_failed:
      return "homing failed";
    case FaultKind::internal_error:
      return "internal error";
  }
  return "unknown";
}

std::string Fault::summary() const {
  std::string out(to_string(kind));
  if (axis) {
    out += " on " + std::string(hal::to_string(*axis));
    if (unit != 0) out += " (unit " + std::to_string(unit) + ")";
  }
  return out;
}

std::string Fault::message() const {
  return detail.empty() ? summary() : summary() + ": " + detail;
}

}  // namespace safety
