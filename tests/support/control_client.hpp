#pragma once

#include <chrono>
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

// A client of the simulator's control socket (newline-delimited JSON; the protocol is described
// in hal/sim/server/control_socket.hpp). Blocking, with a bound on every wait.
namespace test_support {

class ControlClient {
 public:
  // Throws std::runtime_error naming the path when it cannot connect.
  explicit ControlClient(const std::filesystem::path& socket,
                         std::chrono::milliseconds timeout = std::chrono::seconds{5});
  ~ControlClient();
  ControlClient(const ControlClient&) = delete;
  ControlClient& operator=(const ControlClient&) = delete;

  // Sends the object as one line and returns the parsed reply.
  nlohmann::json send(const nlohmann::json& request);
  // Sends `line` (a newline is added) and returns the reply line without its newline, for
  // testing what the simulator does with text that is not a valid request.
  std::string exchange(const std::string& line);

 private:
  std::string read_line();

  int fd_ = -1;
  std::chrono::milliseconds timeout_;
  std::string pending_;  // bytes received after the last complete line
};

}  // namespace test_support
