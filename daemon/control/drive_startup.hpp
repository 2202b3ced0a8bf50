#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "clock/clock.hpp"
#include "daemon/control/roller_carriage.hpp"
#include "modbus/chair_drives.hpp"

// Starting the drives: connect, check and activate every one, and try again at a steady pace for
// those that did not answer, logging each new problem once. The chair stays latched once they are
// all active: a person resets it to home it.
namespace control {

class DriveStartup {
 public:
  using time_point = hal::Clock::time_point;

  DriveStartup(hal::ChairDrives& drives, std::chrono::milliseconds retry)
      : drives_(&drives), retry_(retry) {}

  // One cycle while starting: tries the drives not yet active, at most once per `retry`. Returns
  // what the chair is doing when it tried, for its status.
  std::optional<std::string> attempt(const RollerCarriage& carriage, time_point now);

  // Every drive was active once: the chair reached its drives.
  [[nodiscard]] bool ever_active() const { return ever_active_; }
  // Why the drives are not all active yet, as last found.
  [[nodiscard]] const std::string& problem() const { return problem_; }

 private:
  hal::ChairDrives* drives_;
  std::chrono::milliseconds retry_;
  std::optional<time_point> next_at_;
  std::string problem_;
  bool ever_active_ = false;
};

}  // namespace control
