#pragma once

#include <string_view>

namespace hal {

// An axis's lifecycle. Unconfigured: nothing known about the drive. Connected: the drive's
// identity matched the configuration and its status can be read. Active: its communication
// watchdog is set and it may be commanded to move. Nothing is commanded before active.
enum class AxisState { unconfigured, connected, active };

constexpr std::string_view to_string(AxisState state) {
  switch (state) {
    case AxisState::unconfigured:
      return "unconfigured";
    case AxisState::connected:
      return "connected";
    case AxisState::active:
      return "active";
  }
  return "unknown";
}

}  // namespace hal
