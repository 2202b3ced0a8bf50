#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "clock/clock.hpp"
#include "daemon/control/source_token.hpp"
#include "daemon/safety/fault.hpp"

// The chair's one state machine, as clients see it:
//
//   starting -> homing -> ready -> running <-> paused -> stopping -> ready
//
// plus fault and emergency_stop, both latched. The emergency-stop latch is set at start-up and
// by every fault and emergency stop; only an explicit reset clears it, and only once the cause
// is gone. A reset leads to homing (and parking), never back into a session.
namespace control {

enum class ChairState { starting, homing, ready, running, paused, stopping, fault, emergency_stop };

[[nodiscard]] std::string_view to_string(ChairState state);

struct ChairStatus {
  ChairState state = ChairState::starting;
  std::string cause;  // why the chair is in this state, or what it is doing
  hal::Clock::time_point since{};
  bool latched = true;                 // the emergency-stop latch
  std::optional<safety::Fault> fault;  // set in the fault state
  std::optional<SourceToken> source;   // the source a session runs, until it is let go

  // For systemd's STATUS= line and logs: "homing travel", "ready", "fault: stall on depth
  // (unit 3)", "emergency stop: requested by SIGUSR1".
  [[nodiscard]] std::string describe() const;
};

// "cannot start a session: the chair is homing; wait until it is ready".
[[nodiscard]] std::string refusal(std::string_view command, const ChairStatus& status);

}  // namespace control
