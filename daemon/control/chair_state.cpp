#include "daemon/control/chair_state.hpp"

namespace control {

std::string_view to_string(ChairState state) {
  switch (state) {
    case ChairState::starting:
      return "starting";
    case ChairState::homing:
      return "homing";
    case ChairState::ready:
      return "ready";
    case ChairState::running:
      return "running";
    case ChairState::paused:
      return "paused";
    case ChairState::stopping:
      return "stopping";
    case ChairState::fault:
      return "fault";
    case ChairState::emergency_stop:
      return "emergency_stop";
  }
  return "unknown";
}

std::string ChairStatus::describe() const {
  switch (state) {
    case ChairState::ready:
      return "ready";
    case ChairState::homing:
      return cause;  // "homing travel", "parking the rollers"
    case ChairState::fault:
      return "fault: " + (fault ? fault->summary() : cause);
    case ChairState::emergency_stop:
      return "emergency stop: " + cause;
    default:
      return std::string(to_string(state)) + (cause.empty() ? "" : ": " + cause);
  }
}

namespace {

std::string what_to_do(const ChairStatus& status) {
  switch (status.state) {
    case ChairState::starting:
      return status.latched ? "reset it once its drives are connected, then wait until it is "
                              "ready"
                            : "wait until it is ready";
    case ChairState::homing:
    case ChairState::stopping:
      return "wait until it is ready";
    case ChairState::ready:
      return "start a session first";
    case ChairState::running:
      return "stop the session first";
    case ChairState::paused:
      return "resume or stop the session first";
    case ChairState::fault:
      return "remove the cause (" + (status.fault ? status.fault->message() : status.cause) +
             "), then reset the chair";
    case ChairState::emergency_stop:
      return "the emergency stop is latched; reset the chair";
  }
  return "wait until it is ready";
}

std::string state_phrase(const ChairStatus& status) {
  switch (status.state) {
    case ChairState::fault:
      return "the chair has a fault";
    case ChairState::emergency_stop:
      return "the chair is in emergency stop";
    case ChairState::running:
      return "a session is running";
    case ChairState::paused:
      return "a session is paused";
    default:
      return "the chair is " + std::string(to_string(status.state));
  }
}

}  // namespace

std::string refusal(std::string_view command, const ChairStatus& status) {
  return "cannot " + std::string(command) + ": " + state_phrase(status) + "; " + what_to_do(status);
}

}  // namespace control
