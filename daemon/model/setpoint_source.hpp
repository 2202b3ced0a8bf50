#pragma once

#include <chrono>
#include <string>

#include "daemon/model/chair_measurement.hpp"
#include "daemon/model/chair_setpoint.hpp"

// Where the loop gets what the chair should do while a session runs: a program's executor, the
// technician's jog, calibration or the body scan each implement this. The loop asks once per
// cycle, on its own thread, and hands the answer to the supervisor; a source never talks to a
// drive. While the session is paused the source is not asked and its run time stands still.
namespace control {

class SetpointSource {
 public:
  virtual ~SetpointSource() = default;

  // For logs and status: "hold at 600 mm".
  [[nodiscard]] virtual std::string name() const = 0;

  // What the source wants this cycle. `run_time` is how long it has been running, pauses left
  // out; `measured` is this cycle's measurement.
  virtual SetpointRequest next(const ChairMeasurement& measured,
                               std::chrono::nanoseconds run_time) = 0;

  // The source has nothing more to do: the session ends (rollers released and parked).
  [[nodiscard]] virtual bool finished() const = 0;

  // The session runs again after a pause, in which the rollers were drawn back from the back and
  // the person may have moved: what the source felt before the pause no longer holds.
  virtual void resumed() {}
};

}  // namespace control
