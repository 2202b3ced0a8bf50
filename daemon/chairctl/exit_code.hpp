#pragma once

// chairctl's exit codes, for scripts; `chairctl --help` and docs/api.md list them.
namespace chairctl {

enum ExitCode : int {
  kSuccess = 0,
  kRefused = 1,             // the daemon answered with an error: refused, not found, invalid
  kUsage = 2,               // the command line is wrong
  kNotRunning = 3,          // the daemon cannot be reached: not running, no socket, no answer
  kPermissionDenied = 4,    // the socket is not accessible, or the method needs another role
  kProgramInvalid = 5,      // a program file has errors (programs check, programs install)
  kSessionInterrupted = 6,  // watch: the session ended by a fault or an emergency stop
};

}  // namespace chairctl
