#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "profile/actuator_profile.hpp"

// An alarm a drive reports in its ALARM register, named as its vendor names it and classified
// as the controller needs it (a stall, an over-temperature, ...).
namespace hal {

struct DriveAlarm {
  std::uint16_t code = 0;
  std::string name;  // the vendor's name, e.g. "stall / over-current"
  AlarmKind kind = AlarmKind::other;
  bool operator==(const DriveAlarm&) const = default;
};

[[nodiscard]] std::string_view to_string(AlarmKind kind);

// The profile's description of `code`; a code the profile does not list is still an alarm,
// named by its number and of kind `other`, so that it can never pass for "no alarm".
[[nodiscard]] DriveAlarm describe_alarm(const ActuatorProfile& profile, std::uint16_t code);

}  // namespace hal
