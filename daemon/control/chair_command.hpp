#pragma once

#include <future>
#include <memory>
#include <string>
#include <variant>

#include "daemon/model/calibration.hpp"
#include "daemon/model/setpoint_source.hpp"

// What clients ask of the chair, and the answer they get. Commands come from any thread (the
// API, signals, tests) and wait in a mailbox for the control loop, which carries them out at the
// start of its next cycle, in order; the emergency stop does not wait there (see
// ChairController::emergency_stop).
namespace control {

struct CommandReply {
  bool accepted = false;
  std::string message;  // what happens now, or why not and what to do
};

struct ResetLatch {};  // clear the emergency-stop latch, once the cause is gone
struct StartSession {
  std::unique_ptr<SetpointSource> source;
};
struct PauseSession {};
struct ResumeSession {};
struct StopSession {};
struct ExtendSession {};
struct UseCalibration {
  safety::Calibration calibration;
};
struct ShutDown {};  // bring the actuators into their safe state before the daemon exits

using ChairCommand = std::variant<ResetLatch, StartSession, PauseSession, ResumeSession,
                                  StopSession, ExtendSession, UseCalibration, ShutDown>;

struct PendingCommand {
  ChairCommand command;
  std::promise<CommandReply> reply;
};

}  // namespace control
