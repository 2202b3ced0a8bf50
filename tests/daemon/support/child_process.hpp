#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

// A program run as a real child process, as systemd would run it: its own environment (cleaned
// of any systemd variables the test runner itself may have), stdout and stderr captured to
// files, optionally a listening socket handed over the socket-activation way.
namespace massaged::testing {

struct ChildOptions {
  std::vector<std::string> arguments;              // after the program name
  std::map<std::string, std::string> environment;  // added to the cleaned environment
  // Passed as descriptor 3 with LISTEN_FDS=1 and LISTEN_PID set to the child's pid.
  std::optional<int> listening_socket;
};

class ChildProcess {
 public:
  // `output_directory` receives stdout.txt and stderr.txt.
  ChildProcess(const std::filesystem::path& program, const ChildOptions& options,
               const std::filesystem::path& output_directory);
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  // Kills the child if it still runs.
  ~ChildProcess();

  [[nodiscard]] pid_t pid() const { return pid_; }
  // Nothing once the child has been reaped (wait_for_exit saw it end).
  void send_signal(int signal) const;

  // The exit code once the child has exited, or nothing if it still runs after `timeout`;
  // a child killed by a signal reports 128 + the signal number, as a shell does.
  std::optional<int> wait_for_exit(std::chrono::milliseconds timeout);

  [[nodiscard]] std::string standard_output() const;
  [[nodiscard]] std::string standard_error() const;

 private:
  pid_t pid_ = -1;
  std::optional<int> exit_code_;
  std::filesystem::path stdout_path_;
  std::filesystem::path stderr_path_;
};

// Runs to completion (at most `timeout`) and returns the exit code; the output stays readable
// through `child`.
int run_to_exit(ChildProcess& child, std::chrono::milliseconds timeout);

}  // namespace massaged::testing
