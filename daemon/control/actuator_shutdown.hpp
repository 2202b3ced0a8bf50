#pragma once

#include <chrono>
#include <future>
#include <optional>

#include "clock/clock.hpp"
#include "daemon/control/chair_command.hpp"
#include "daemon/model/chair_measurement.hpp"

// Bringing the actuators into their safe state before the daemon exits: once the controller has
// quick-stopped every drive, this waits for them to report it (stopped, rollers retracted,
// disabled) and answers the shutdown then, or when no drive answers at all (each stops by itself
// once its communication timeout passes), or when its patience runs out.
namespace control {

class ActuatorShutdown {
 public:
  using time_point = hal::Clock::time_point;

  explicit ActuatorShutdown(std::chrono::milliseconds patience) : patience_(patience) {}

  // Once begun, the chair shuts down for the rest of the process.
  [[nodiscard]] bool begun() const { return begun_; }

  // Refused (and answered) while a shutdown waits for its answer.
  bool begin(std::promise<CommandReply>& reply, time_point now);
  // One cycle: answers once the actuators are safe, or cannot be made so.
  void advance(const ChairMeasurement& measured, time_point now);

 private:
  struct Waiting {
    time_point deadline;
    std::promise<CommandReply> reply;
  };

  std::chrono::milliseconds patience_;
  bool begun_ = false;
  std::optional<Waiting> waiting_;
};

}  // namespace control
