#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "daemon/chairctl/chair_client.hpp"
#include "support/sim_process.hpp"
#include "support/temp_directory.hpp"
#include "tests/daemon/support/child_process.hpp"

// The real massaged on the real chair-sim over Modbus TCP, as a deployment runs them: a
// configuration of the test's own (the API socket, the state directory and its calibration in
// a temporary directory; the shipped programs), the daemon started as a child process and
// waited for until its API says "ready". For tests of the API and of chairctl end to end.
namespace massaged::testing {

struct ChairOptions {
  std::vector<std::string> sim_arguments;  // e.g. {"--shoulder-mm", "600"}
  std::string api_keys;                    // more keys of [api], e.g. "max_clients = 64\n"
  // The simulator's calibration is in the state directory, its force sensor bound to the
  // simulator's depth drive.
  bool calibrated = true;
};

class ChairUnderTest {
 public:
  // Throws std::runtime_error, with the daemon's log, when it is not ready in time.
  explicit ChairUnderTest(ChairOptions options = {});
  ~ChairUnderTest();
  ChairUnderTest(const ChairUnderTest&) = delete;
  ChairUnderTest& operator=(const ChairUnderTest&) = delete;

  [[nodiscard]] const std::filesystem::path& socket() const { return socket_; }
  [[nodiscard]] const std::filesystem::path& directory() const { return dir_.path(); }
  [[nodiscard]] test_support::SimProcess& sim() { return *sim_; }
  [[nodiscard]] ChildProcess& daemon() { return *daemon_; }

  // A new connection to the API, as root (every role).
  [[nodiscard]] chairctl::ChairClient client() const { return chairctl::ChairClient(socket_); }
  // One call on a connection of its own. Throws chairctl's errors.
  nlohmann::json call(const std::string& method, const nlohmann::json& params = nullptr) const;
  // The chair's state as chair.status says it.
  [[nodiscard]] std::string state() const;
  // Polls chair.status until the state is `state`; false after `patience`.
  bool wait_for(const std::string& state, std::chrono::milliseconds patience) const;
  // Resets the start-up latch and waits until the chair has homed and parked.
  void make_ready() const;
  // The simulator's truth of every axis.
  nlohmann::json truth();
  // Opens the socket to every local user (as a deployment's socket group would for them).
  void open_socket_to_everyone() const;

 private:
  test_support::TempDirectory dir_;
  std::unique_ptr<test_support::SimProcess> sim_;
  std::filesystem::path socket_;
  std::unique_ptr<ChildProcess> daemon_;
};

// Generous: homing and the session run in real time, and the suite also runs under sanitizers.
inline constexpr std::chrono::seconds kChairPatience{90};

}  // namespace massaged::testing
