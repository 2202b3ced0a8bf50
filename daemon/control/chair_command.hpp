#pragma once

#include <future>
#include <memory>
#include <string>
#include <variant>

#include "daemon/control/source_token.hpp"
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

// Who asked for a source to run. It decides the rules the supervisor judges the source's
// setpoints by (a technician's work is service, with nobody in the chair); the source never does.
enum class Requester {
  person,      // a person's session: the body scan, then the massage
  technician,  // calibration, the jog, the self-test
};

struct ResetLatch {};  // clear the emergency-stop latch, once the cause is gone
struct StartSession {
  std::unique_ptr<SetpointSource> source;
  Requester requester = Requester::person;
  SourceToken token;
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

// A source handed to the controller: its token, shown in the status while it runs, and the
// answer once the loop takes it.
struct StartedSource {
  SourceToken token;
  std::future<CommandReply> reply;
};

struct PendingCommand {
  ChairCommand command;
  std::promise<CommandReply> reply;
};

}  // namespace control
