#pragma once

#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string_view>

#include "daemon/control/chair_command.hpp"
#include "daemon/control/chair_state.hpp"
#include "daemon/model/calibration.hpp"
#include "daemon/model/setpoint_source.hpp"
#include "daemon/safety/decision.hpp"

// What the rest of the daemon (the API, the guided calibration) may ask of the chair's
// controller: its commands and its status. ChairController is the one the chair runs on; the
// API's fuzz harness (tests/fuzz/api) puts a stand-in here that records every command, so that
// arbitrary requests can be shown never to command the chair unless they are valid calls.
namespace control {

class ChairCommands {
 public:
  virtual ~ChairCommands() = default;

  // Any thread. See ChairController for what each one does.
  virtual void emergency_stop(std::string_view source) = 0;
  virtual std::future<CommandReply> reset() = 0;
  virtual StartedSource start(std::unique_ptr<SetpointSource> source, Requester requester) = 0;
  virtual std::future<CommandReply> start_session(std::unique_ptr<SetpointSource> source) = 0;
  virtual std::future<CommandReply> pause() = 0;
  virtual std::future<CommandReply> resume() = 0;
  virtual std::future<CommandReply> stop_session() = 0;
  virtual std::future<CommandReply> extend_session() = 0;
  virtual std::future<CommandReply> use_calibration(safety::Calibration calibration) = 0;
  virtual std::future<CommandReply> shut_down() = 0;

  [[nodiscard]] virtual ChairStatus status() const = 0;
  [[nodiscard]] virtual std::optional<safety::Decision> last_decision() const = 0;
  [[nodiscard]] virtual std::chrono::nanoseconds session_remaining() const = 0;
  virtual void on_status_change(std::function<void(const ChairStatus&)> listener) = 0;

 protected:
  ChairCommands() = default;
  ChairCommands(const ChairCommands&) = default;
  ChairCommands& operator=(const ChairCommands&) = default;
};

}  // namespace control
