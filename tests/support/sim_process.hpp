#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/control_client.hpp"
#include "support/temp_directory.hpp"

// The real chair-sim program, started for one test: a simulated chair that speaks Modbus over
// TCP or over a pseudo-terminal, for testing the HAL and the daemon against a real connection.
//
//   test_support::SimProcess sim(test_support::SimProcess::Link::tcp);
//   modbus_t* ctx = modbus_new_tcp(sim.host().c_str(), sim.port());
//   ...
//   sim.control({{"cmd", "stall"}, {"axis", "travel"}, {"on", true}});
//   auto truth = sim.control({{"cmd", "state"}});
//
// Each SimProcess runs in a fresh temporary directory holding the serial device link (RTU),
// the control socket and chair-sim's log (stderr). The constructor returns once chair-sim has
// printed its ready line; the destructor stops it (SIGTERM, then SIGKILL if it does not exit
// within 5 s), reaps it and removes the directory.
namespace test_support {

class SimProcess {
 public:
  enum class Link { tcp, rtu };

  // Starts chair-sim with `--tcp 127.0.0.1:0` (a free port) or `--rtu DIR/ttySIM0`, and
  // `--control DIR/control.sock`, followed by `extra_args` (e.g. {"--profile", path} or
  // {"--baud", "19200"}). Throws std::runtime_error, with chair-sim's log, when it exits or is
  // not ready within `ready_timeout`.
  explicit SimProcess(Link link, std::vector<std::string> extra_args = {},
                      std::chrono::milliseconds ready_timeout = std::chrono::seconds{10});
  ~SimProcess();
  SimProcess(const SimProcess&) = delete;
  SimProcess& operator=(const SimProcess&) = delete;

  // TCP: where the simulated gateway listens.
  [[nodiscard]] const std::string& host() const { return host_; }
  [[nodiscard]] int port() const { return port_; }
  // RTU: the serial device to open (a link to the pseudo-terminal), e.g. with modbus_new_rtu.
  [[nodiscard]] const std::filesystem::path& device() const { return device_; }

  [[nodiscard]] const std::filesystem::path& control_path() const { return control_path_; }
  // Sends one control command and returns the parsed reply ({"ok":true,...} or
  // {"ok":false,"error":...}). Reuses one connection.
  nlohmann::json control(const nlohmann::json& request);

  // The temporary directory of this run.
  [[nodiscard]] const std::filesystem::path& directory() const { return dir_.path(); }
  // chair-sim's log so far, to print when a test fails.
  [[nodiscard]] std::string log() const;
  [[nodiscard]] pid_t pid() const { return pid_; }

  // Sends SIGTERM and waits (up to 5 s, then SIGKILL) for chair-sim to exit. Returns its exit
  // code, or 128 + the signal that ended it. Calling it again returns the same value.
  int stop();

 private:
  void wait_until_ready(std::chrono::milliseconds timeout);
  void parse_ready_line(const std::string& line);

  TempDirectory dir_;
  std::filesystem::path log_path_;
  std::filesystem::path control_path_;
  std::filesystem::path device_;
  std::string host_;
  int port_ = 0;
  pid_t pid_ = -1;
  int stdout_fd_ = -1;  // kept open so that chair-sim never writes to a closed pipe
  int exit_status_ = -1;
  std::unique_ptr<ControlClient> control_client_;
};

}  // namespace test_support
