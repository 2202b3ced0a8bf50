#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "profile/axis_kind.hpp"

// A fault: something that puts the chair into its safe state (quick stop, rollers retracted,
// kneading and tapping stopped) and latches until a person resets it. It names its cause and
// the axis, so that the person knows what to look at.
namespace safety {

enum class FaultKind {
  drive_alarm,          // an alarm of the drive's own, of no kind below
  stall,                // stall current: jammed, or something caught in the mechanism
  over_temperature,     // a motor too hot
  following_error,      // the axis is not where its commanded motion could have brought it
  force_above_ceiling,  // the contact force passed the fault threshold
  communication_loss,   // no fresh status from a drive
  drive_restarted,      // a drive lost power or its reference without being told
  homing_failed,        // an axis did not finish homing or parking in time
  internal_error,       // the controller's own code failed: it stops the chair rather than guess
};

[[nodiscard]] std::string_view to_string(FaultKind kind);

struct Fault {
  FaultKind kind = FaultKind::drive_alarm;
  std::optional<hal::AxisKind> axis;  // the axis it concerns, when one does
  std::string bus;
  int unit = 0;
  std::string detail;  // what was seen and what to do, for a person

  // "stall on depth (unit 3)": short, for a status line.
  [[nodiscard]] std::string summary() const;
  // The summary and the detail.
  [[nodiscard]] std::string message() const;
};

}  // namespace safety
