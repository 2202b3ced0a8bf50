#include "profile/actuator_profile.hpp"

namespace hal {

const AlarmSpec* ActuatorProfile::alarm(std::uint16_t code) const {
  for (const auto& a : alarms) {
    if (a.code == code) return &a;
  }
  return nullptr;
}

std::optional<AxisKind> ActuatorProfile::axis_kind_of(std::uint16_t code) const {
  for (const auto& [kind, value] : axis_kind_codes) {
    if (value == code) return kind;
  }
  return std::nullopt;
}

}  // namespace hal
